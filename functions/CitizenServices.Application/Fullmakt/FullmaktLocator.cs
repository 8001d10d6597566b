namespace CitizenServices.Application.Fullmakt;

/// <summary>
/// Finds a fullmakt by id for one of its parties, for routes without a subject (<c>/api/v1/fullmakter/{id}</c>). The
/// caller's own partition answers for a giver; for a representative the index names the giver, and the giver's
/// partition (the truth) must confirm the caller is the representative. Anyone else finds nothing.
/// </summary>
public sealed class FullmaktLocator(IFullmaktStore store)
{
    public async Task<(PrincipalFullmakter Partition, Domain.Fullmakt.Fullmakt Fullmakt)?> FindAsync(
        NationalIdentityNumber caller, Guid id, CancellationToken cancellationToken)
    {
        var own = await store.LoadAsync(caller, cancellationToken);
        if (own.Find(id) is { } given)
        {
            return (own, given);
        }

        var indexed = (await store.ListReceivedAsync(caller, cancellationToken)).FirstOrDefault(f => f.Id == id);
        if (indexed is null)
        {
            return null;
        }

        var truth = await store.LoadAsync(indexed.Giver, cancellationToken);
        return truth.Find(id) is { } received && received.Representative == caller ? (truth, received) : null;
    }
}
