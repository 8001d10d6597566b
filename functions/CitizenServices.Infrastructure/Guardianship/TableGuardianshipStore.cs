using Azure;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Application.Guardianship;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Infrastructure.Guardianships;

/// <summary>
/// <see cref="IGuardianshipStore"/> on Table Storage (layout in <see cref="GuardianshipRows"/>). A change is one entity
/// group transaction in the ward's partition, conditional on the head row's ETag: the applied change id, the new state
/// and the outbox rows commit together or not at all.
/// </summary>
public sealed class TableGuardianshipStore(
    BoundedTable truth, BoundedTable index, TableEventOutbox outbox, TimeProvider time, ILogger<TableGuardianshipStore> logger) : IGuardianshipStore
{
    public async Task<WardGuardianships> LoadAsync(NationalIdentityNumber ward, CancellationToken cancellationToken)
    {
        var guardianships = new List<GuardianshipRecord>();
        var applied = new HashSet<Guid>();
        ETag? head = null;
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(ward.Value, cancellationToken: cancellationToken))
        {
            if (row.RowKey == GuardianshipRows.HeadRowKey)
            {
                head = row.ETag;
            }
            else if (row.RowKey.StartsWith(GuardianshipRows.GuardianshipPrefix, StringComparison.Ordinal))
            {
                guardianships.Add(ReadTruth(row, ward));
            }
            else if (row.RowKey.StartsWith(GuardianshipRows.AppliedChangePrefix, StringComparison.Ordinal)
                     && GuardianshipRows.TryReadAppliedChange(row, out var changeId))
            {
                applied.Add(changeId);
            }
        }

        return new WardGuardianships(ward, guardianships, applied, head);
    }

    public async Task<IReadOnlyList<GuardianshipRecord>> ListForWardAsync(NationalIdentityNumber ward, CancellationToken cancellationToken)
    {
        // Only the g| range: the applied-change ids and outbox rows in the partition are no business of a request.
        var result = new List<GuardianshipRecord>();
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(
            ward.Value, GuardianshipRows.GuardianshipPrefix, cancellationToken: cancellationToken))
        {
            result.Add(ReadTruth(row, ward));
        }

        return result;
    }

    public async Task<bool> CommitAsync(GuardianshipCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var ward = commit.Loaded.Ward;
        if (commit.Changed is { } changed && changed.Ward != ward)
        {
            throw new ArgumentException("A guardianship is stored in its ward's partition.", nameof(commit));
        }

        var now = time.GetUtcNow();
        var head = GuardianshipRows.Head(ward, now);
        var actions = new List<TableTransactionAction>
        {
            commit.Loaded.ConcurrencyToken is ETag etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head),

            // Add: the same change id recorded twice fails the transaction, so a change applies once even without the head.
            new(TableTransactionActionType.Add,
                GuardianshipRows.AppliedChange(ward, commit.ChangeId, commit.Outcome, commit.MessageId, now)),
        };
        if (commit.Changed is { } state)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, GuardianshipRows.Truth(state)));
        }

        if (commit.Events.Count > 0)
        {
            actions.AddRange(await outbox.StageAsync(new EventPartition(truth.Name, ward.Value), commit.Events, cancellationToken));
        }

        var result = await truth.SubmitTransactionAsync(actions, cancellationToken);
        if (!result.Succeeded)
        {
            // 409 on an Add (the head or the change id) or 412 on the head: another change won.
            return false;
        }

        if (commit.Changed is { } committed)
        {
            // Not caught: if the index write fails the invocation fails, the message comes back, finds its change id
            // applied and rewrites the index then (ApplyGuardianshipChangeHandler).
            await RefreshIndexAsync(committed, cancellationToken);
        }

        return true;
    }

    public async Task RefreshIndexAsync(GuardianshipRecord guardianship, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guardianship);
        await index.UpsertAsync(GuardianshipRows.Index(guardianship), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<GuardianshipRecord>> ListByGuardianAsync(NationalIdentityNumber guardian, CancellationToken cancellationToken)
    {
        var held = new List<GuardianshipRecord>();
        await foreach (var row in index.QueryPartitionAsync<TableEntity>(guardian.Value, cancellationToken: cancellationToken))
        {
            if (GuardianshipRows.Read(row) is { } guardianship && guardianship.Guardian == guardian)
            {
                held.Add(guardianship);
            }
            else
            {
                // The RowKey starts with the ward's full number, so only its id part is logged.
                logger.LogWarning("Skipped a malformed guardianship index row (...{RowKeyEnd}) of {Guardian}; run the index repair for its ward.",
                    row.RowKey.Length > 8 ? row.RowKey[^8..] : string.Empty, guardian);
            }
        }

        return held;
    }

    public async Task<GuardianshipIndexRepair> RepairIndexAsync(NationalIdentityNumber ward, CancellationToken cancellationToken)
    {
        var guardianships = await ListForWardAsync(ward, cancellationToken);
        var rewritten = 0;
        foreach (var guardianship in guardianships)
        {
            var expected = GuardianshipRows.Index(guardianship);
            var current = await index.GetAsync<TableEntity>(expected.PartitionKey, expected.RowKey, cancellationToken: cancellationToken);
            if (current is null || GuardianshipRows.Signature(current) != GuardianshipRows.Signature(expected))
            {
                await index.UpsertAsync(expected, TableUpdateMode.Replace, cancellationToken);
                rewritten++;
            }
        }

        // Rows naming this ward that the truth does not back are found by their RowKey range across guardians'
        // partitions: a scan, acceptable for a repair and never on a request.
        var (from, to) = GuardianshipRows.IndexRangeOf(ward);
        var backed = guardianships.Select(g => (g.Guardian.Value, GuardianshipRows.IndexRowKey(g.Ward, g.Id))).ToHashSet();
        var stale = new List<(string PartitionKey, string RowKey)>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in index.QueryAsync<TableEntity>(filter, ["PartitionKey", "RowKey"], cancellationToken))
        {
            if (!backed.Contains((row.PartitionKey, row.RowKey)))
            {
                stale.Add((row.PartitionKey, row.RowKey));
            }
        }

        foreach (var (partitionKey, rowKey) in stale)
        {
            await index.DeleteAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
        }

        if (rewritten + stale.Count > 0)
        {
            logger.LogInformation("Repaired the guardianship index of {Ward}: {Rewritten} rows rewritten, {Removed} removed.", ward, rewritten, stale.Count);
        }

        return new GuardianshipIndexRepair(ward, rewritten, stale.Count);
    }

    // The truth must be readable: a malformed row is a fault to surface, not a guardianship to ignore.
    private static GuardianshipRecord ReadTruth(TableEntity row, NationalIdentityNumber ward) =>
        GuardianshipRows.Read(row) ?? throw new InvalidOperationException($"Guardianship row {row.RowKey} of {ward} is malformed.");
}
