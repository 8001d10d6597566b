using CitizenServices.Application.CareRelations;

namespace CitizenServices.Infrastructure.CareRelations;

/// <summary>
/// <see cref="ICareRelationStore"/> on Table Storage (layout in <see cref="CareRelationRows"/>). A change is one entity
/// group transaction in the child's partition, conditional on the head row's ETag: the new version row, the relation's
/// current row, and the outbox rows commit together or not at all.
/// </summary>
public sealed class TableCareRelationStore(
    BoundedTable truth, RepresentedIndex index, TableEventOutbox outbox, TimeProvider time, ILogger<TableCareRelationStore> logger)
    : ICareRelationStore
{
    public async Task<ChildCareRelations> LoadAsync(NationalIdentityNumber child, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<Guid, List<CareRelationVersion>>();
        var rejected = new HashSet<Guid>();
        ETag? head = null;
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(child.Value, cancellationToken: cancellationToken))
        {
            if (row.RowKey == CareRelationRows.HeadRowKey)
            {
                head = row.ETag;
            }
            else if (row.RowKey.StartsWith(CareRelationRows.VersionPrefix, StringComparison.Ordinal))
            {
                var (id, _, version) = ReadTruth(row, child);
                if (!versions.TryGetValue(id, out var list))
                {
                    versions[id] = list = [];
                }

                list.Add(version);
            }
            else if (row.RowKey.StartsWith(CareRelationRows.RejectedPrefix, StringComparison.Ordinal) && CareRelationRows.TryReadRejected(row, out var commandId))
            {
                rejected.Add(commandId);
            }
        }

        var relations = versions.Select(v => new CareRelation(v.Key, child, v.Value.OrderBy(x => x.Version).ToList())).ToList();
        return new ChildCareRelations(child, relations, rejected, head);
    }

    public async Task<IReadOnlyList<CareRelation>> ListForChildAsync(NationalIdentityNumber child, CancellationToken cancellationToken)
    {
        // Only the r| range: history, rejected commands and outbox rows are no business of a request.
        var result = new List<CareRelation>();
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(child.Value, CareRelationRows.RelationPrefix, cancellationToken: cancellationToken))
        {
            var (id, _, version) = ReadTruth(row, child);
            result.Add(new CareRelation(id, child, [version]));
        }

        return result;
    }

    public async Task<NationalIdentityNumber?> LocateAsync(Guid relationId, CancellationToken cancellationToken)
    {
        var row = await truth.GetAsync<TableEntity>(CareRelationRows.LocatorPartition(relationId), CareRelationRows.LocatorRowKey, cancellationToken: cancellationToken);
        return NationalIdentityNumber.TryParse(row?.GetString(CareRelationRows.P.Child), out var child) ? child : null;
    }

    public async Task<bool> CommitAsync(CareRelationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var child = commit.Loaded.Child;
        if (commit.Changed is { } changed && changed.Child != child)
        {
            throw new ArgumentException("A care relation is stored in its child's partition.", nameof(commit));
        }

        var now = time.GetUtcNow();
        var head = CareRelationRows.Head(child, now);
        var actions = new List<TableTransactionAction>
        {
            PartitionHead.Write(head, commit.Loaded.ConcurrencyToken),
        };
        var previous = commit.Changed is { } c ? commit.Loaded.Relations.FirstOrDefault(r => r.Id == c.Id) : null;
        if (commit.Changed is { } relation)
        {
            if (previous is null)
            {
                // Before the transaction: a locator left by a failed commit names a child without the relation, which
                // reads as "not found", never as another child's relation.
                await truth.UpsertAsync(CareRelationRows.Locator(relation.Id, child), TableUpdateMode.Replace, cancellationToken);
            }

            // Add: a version is written once and never changed; the same version twice fails the transaction.
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, CareRelationRows.Version(relation, relation.Current)));
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, CareRelationRows.Current(relation)));
        }

        if (commit.RejectedCommand is { } commandId)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, CareRelationRows.Rejected(child, commandId, now)));
        }

        if (commit.Events.Count > 0)
        {
            actions.AddRange(await outbox.StageAsync(new EventPartition(truth.Name, child.Value), commit.Events, cancellationToken));
        }

        var result = await truth.SubmitTransactionAsync(actions, cancellationToken);
        if (!result.Succeeded)
        {
            return false;
        }

        if (commit.Changed is { } committed)
        {
            await RefreshIndexAsync(committed, previous, cancellationToken);
            try
            {
                // The foster parents' register facts next to the relation, for the child's decisions (one query).
                foreach (var fosterParent in committed.Current.FosterParents)
                {
                    await People.ReplicaRows.CopyAsync(truth, fosterParent, child, cancellationToken);
                    await People.ReplicaRows.CopyAsync(truth, child, fosterParent, cancellationToken);
                }
            }
            catch (RequestFailedException exception)
            {
                logger.LogWarning(exception, "Care relation {RelationId}: the foster parents' facts were not copied to {Child}.", committed.Id, child);
            }
        }

        return true;
    }

    public async Task<(int Rewritten, int Removed)> RepairIndexAsync(NationalIdentityNumber child, CancellationToken cancellationToken)
    {
        var relations = await ListForChildAsync(child, cancellationToken);
        var repair = await index.RepairAsync(CareRelationRows.IndexSource, child, relations.SelectMany(CareRelationRows.Index).ToList(), cancellationToken);
        return (repair.Rewritten, repair.Removed);
    }

    private async Task RefreshIndexAsync(CareRelation relation, CareRelation? previous, CancellationToken cancellationToken)
    {
        // The change is committed in the truth, which is all authorization reads; only the foster parents' listing
        // is behind until the repair runs.
        await AfterCommit.RunAsync(
            async () =>
            {
                foreach (var row in CareRelationRows.Index(relation))
                {
                    await index.WriteAsync(row, cancellationToken);
                }

                // A foster parent the new version no longer names loses the row: the truth no longer backs it.
                var rowKey = RepresentedIndex.RowKey(CareRelationRows.IndexSource, relation.Child, relation.Id);
                foreach (var gone in (previous?.Current.FosterParents ?? []).Except(relation.Current.FosterParents))
                {
                    await index.DeleteAsync(gone.Value, rowKey, cancellationToken);
                }
            },
            exception => logger.LogError(exception, "Care relation {RelationId} of {Child} is committed but its index rows were not written; run the index repair.",
                relation.Id, relation.Child));
    }

    // The truth must be readable: a malformed row is a fault to surface, not a relation to ignore.
    private static (Guid Id, NationalIdentityNumber Child, CareRelationVersion Version) ReadTruth(TableEntity row, NationalIdentityNumber child) =>
        CareRelationRows.Read(row) ?? throw new InvalidOperationException($"Care relation row {row.RowKey} of {child} is malformed.");
}
