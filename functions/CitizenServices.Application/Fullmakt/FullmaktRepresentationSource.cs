namespace CitizenServices.Application.Fullmakt;

/// <summary>
/// Fullmakt as a representation kind. Authorization (<see cref="IRepresentationSource"/>) reads only the subject's own
/// record, so it sees only fullmakter the subject gave: what the representative holds from others never passes on (no
/// chains), and an ending is seen on the next request. A protected address or a death after the grant ends what the
/// fullmakt can do without anyone ending it: the enforcement point and the listings apply that rule to both sides.
/// Listings of what a representative holds come from the shared index of stored kinds (<see cref="IRepresentedLookup"/>).
/// </summary>
public sealed class FullmaktRepresentationSource(ISubjectRecords records) : IRepresentationSource, IRepresentationDirectory
{
    public async Task<IReadOnlyList<RepresentationBasis>> FindAsync(
        NationalIdentityNumber representative, NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await records.ReadAsync(subject, cancellationToken)).Fullmakter
            .Where(f => f.Representative == representative)
            .Select(f => f.ToBasis())
            .ToList();

    public async Task<IReadOnlyList<Authorization.Representation>> ListRepresentativesAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await records.ReadAsync(subject, cancellationToken)).Fullmakter
            .Select(f => new Authorization.Representation(f.Representative, f.Giver, f.ToBasis()))
            .ToList();
}
