namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// A representation source whose grants a test sets directly: proves the policy enforcement point before the
/// real kinds (parents, fullmakt, guardians, foster care) exist. It answers from its current state on every
/// call, as the real sources must, so removing a grant takes effect on the next request.
/// </summary>
public sealed class TestRepresentationSource : IRepresentationSource
{
    private readonly ConcurrentDictionary<(string Representative, string Subject), List<RepresentationBasis>> _grants = new();

    public RepresentationBasis Grant(
        NationalIdentityNumber representative, NationalIdentityNumber subject, IEnumerable<Scope> scopes,
        DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null, BasisKind? kind = null)
    {
        var basis = new RepresentationBasis(
            kind ?? BasisKind.Fullmakt, "test-" + Guid.NewGuid().ToString("N")[..12], scopes.ToHashSet(),
            validFrom ?? DateTimeOffset.UtcNow.AddDays(-1), validTo);
        _grants.AddOrUpdate((representative.Value, subject.Value), _ => [basis], (_, list) => [.. list, basis]);
        return basis;
    }

    public void RevokeAll(NationalIdentityNumber representative, NationalIdentityNumber subject) =>
        _grants.TryRemove((representative.Value, subject.Value), out _);

    public Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RepresentationBasis>>(
            _grants.TryGetValue((representative.Value, subject.Value), out var list) ? list.ToList() : []);
}
