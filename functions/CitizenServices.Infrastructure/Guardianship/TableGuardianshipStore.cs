using Azure;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Application.Guardianship;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Representation;
using CitizenServices.Infrastructure.Storage;

namespace CitizenServices.Infrastructure.Guardianships;

/// <summary>
/// <see cref="IGuardianshipStore"/> on Table Storage (layout in <see cref="GuardianshipRows"/>). A change is one entity
/// group transaction in the ward's partition, conditional on the head row's ETag: the applied change id, the new state
/// and the outbox rows commit together or not at all.
/// </summary>
public sealed class TableGuardianshipStore(
    BoundedTable truth, RepresentedIndex index, TableEventOutbox outbox, TimeProvider time) : IGuardianshipStore
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
            PartitionHead.Write(head, commit.Loaded.ConcurrencyToken),

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
        await index.WriteAsync(GuardianshipRows.Index(guardianship), cancellationToken);
    }

    public async Task<GuardianshipIndexRepair> RepairIndexAsync(NationalIdentityNumber ward, CancellationToken cancellationToken)
    {
        var guardianships = await ListForWardAsync(ward, cancellationToken);
        var repair = await index.RepairAsync(GuardianshipRows.IndexSource, ward, guardianships.Select(GuardianshipRows.Index).ToList(), cancellationToken);
        return new GuardianshipIndexRepair(ward, repair.Rewritten, repair.Removed);
    }

    // The truth must be readable: a malformed row is a fault to surface, not a guardianship to ignore.
    private static GuardianshipRecord ReadTruth(TableEntity row, NationalIdentityNumber ward) =>
        GuardianshipRows.Read(row) ?? throw new InvalidOperationException($"Guardianship row {row.RowKey} of {ward} is malformed.");
}
