namespace CitizenServices.Application.Representation.RepairIndex;

/// <summary>One stored representation kind's repair of its rows in the index by representative.</summary>
public interface IRepresentationIndexRepair
{
    /// <summary>The kind, as named in the index (<c>fullmakt</c>, <c>guardianship</c>, ...).</summary>
    string Kind { get; }

    /// <summary>Makes the kind's index rows of <paramref name="principal"/> agree with the principal's own partition.</summary>
    Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);
}

/// <summary>What one kind's repair did: rows rewritten (missing or differing) and rows removed (not backed by the truth).</summary>
public sealed record RepresentationIndexRepair(string Kind, int Rewritten, int Removed);

/// <summary>A stored kind's repair: its store rebuilds the kind's index rows from the principal's own partition.</summary>
/// <param name="kind">The kind, as named in the index.</param>
/// <param name="repair">The store's repair of one principal's rows.</param>
public sealed class StoreIndexRepair(
    string kind, Func<NationalIdentityNumber, CancellationToken, Task<(int Rewritten, int Removed)>> repair) : IRepresentationIndexRepair
{
    public string Kind => kind;

    public async Task<RepresentationIndexRepair> RepairAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var (rewritten, removed) = await repair(principal, cancellationToken);
        return new RepresentationIndexRepair(Kind, rewritten, removed);
    }
}

/// <summary>
/// Rebuilds one principal's rows of every stored kind in the index by representative, from the principal's partitions
/// (the truth). Idempotent and safe at any time: for operations after a logged index-write failure, or when a listing
/// and authorization disagree.
/// </summary>
public sealed class RepairRepresentationIndexHandler(IEnumerable<IRepresentationIndexRepair> repairs)
{
    public async Task<IReadOnlyList<RepresentationIndexRepair>> HandleAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var results = new List<RepresentationIndexRepair>();
        foreach (var repair in repairs.OrderBy(r => r.Kind, StringComparer.Ordinal))
        {
            results.Add(await repair.RepairAsync(principal, cancellationToken));
        }

        return results;
    }
}
