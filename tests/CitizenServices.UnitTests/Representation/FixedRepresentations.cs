namespace CitizenServices.UnitTests.Representation;

/// <summary>
/// Stands in for a representation kind not built yet (fullmakt, guardians, foster care): a fixed list of
/// representations, so the central rules (address protection, listing) can be shown to hold for every kind.
/// </summary>
internal sealed class FixedRepresentations(params Application.Authorization.Representation[] representations)
    : IRepresentationSource, IRepresentationDirectory, IRepresentedLookup
{
    public static Application.Authorization.Representation Of(
        NationalIdentityNumber representative, NationalIdentityNumber subject, BasisKind kind,
        DateTimeOffset? validTo = null, params Scope[] scopes) =>
        new(representative, subject, new RepresentationBasis(
            kind, kind.Value + "-test", (scopes.Length == 0 ? [Scope.AccessLog, Scope.Representation] : scopes).ToHashSet(),
            DateTimeOffset.MinValue, validTo));

    public Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RepresentationBasis>>(
            representations.Where(r => r.Representative == representative && r.Subject == subject).Select(r => r.Basis).ToList());

    public Task<IReadOnlyList<Application.Authorization.Representation>> ListRepresentedAsync(
        NationalIdentityNumber representative, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Application.Authorization.Representation>>(
            representations.Where(r => r.Representative == representative).ToList());

    public Task<IReadOnlyList<Application.Authorization.Representation>> ListRepresentativesAsync(
        NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Application.Authorization.Representation>>(
            representations.Where(r => r.Subject == subject).ToList());
}
