namespace CitizenServices.Application.Authorization;

/// <summary>
/// A kind of representation (parents, fullmakt, guardians, foster care) plugs in here. Sources answer from
/// the subject's own data (the source of truth), never from a cache, so a revocation takes effect on the
/// next request.
/// </summary>
public interface IRepresentationSource
{
    /// <summary>Every representation <paramref name="representative"/> holds for <paramref name="subject"/>, valid or not.</summary>
    Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken);
}
