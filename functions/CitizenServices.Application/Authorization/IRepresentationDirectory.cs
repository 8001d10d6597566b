namespace CitizenServices.Application.Authorization;

/// <summary>One representation: who acts for whom, on what basis.</summary>
public sealed record Representation(NationalIdentityNumber Representative, NationalIdentityNumber Subject, RepresentationBasis Basis);

/// <summary>
/// "Who can act for me" side of a representation kind: read from the subject's own data, like authorization.
/// Authorization never uses these lists, it asks <see cref="IRepresentationSource"/>.
/// </summary>
public interface IRepresentationDirectory
{
    /// <summary>Representations of <paramref name="subject"/>, valid or not (the caller filters by time).</summary>
    Task<IReadOnlyList<Representation>> ListRepresentativesAsync(NationalIdentityNumber subject, CancellationToken cancellationToken);
}

/// <summary>
/// "Who can I act for" side. Kinds computed from the population register (parents) answer it themselves; every
/// stored kind (fullmakt, guardians, foster care) answers it together from one inverse index partitioned by the
/// representative, so the list is one partition query however many kinds and relations the person has.
/// </summary>
public interface IRepresentedLookup
{
    /// <summary>Representations held by <paramref name="representative"/>, valid or not (the caller filters by time).</summary>
    Task<IReadOnlyList<Representation>> ListRepresentedAsync(NationalIdentityNumber representative, CancellationToken cancellationToken);
}
