namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// The outbox on Table Storage. A use case's repository calls <see cref="StageAsync"/> and appends the returned actions
/// to the transaction that writes its state, in the same table and partition; <see cref="IEventOutbox.CommitAsync"/>
/// does the same for events without state. Once such a transaction commits, <see cref="OutboxDispatcher"/> (the
/// store's commit observer) sends the partition's events; the sweep sends whatever that did not.
/// </summary>
public sealed class TableEventOutbox(TableStore store, BoundedTable pendingIndex, TimeProvider time) : IEventOutbox
{
    /// <summary>
    /// Records the partition in the pending index, then returns one insert per event for the caller's transaction.
    /// The index entry is written first and idempotently: if the transaction then fails, the sweep finds an empty
    /// partition and drops the entry after the grace period; the reverse order could commit events nobody sends.
    /// </summary>
    /// <exception cref="ArgumentException">No events, or an invalid table name.</exception>
    public async Task<IReadOnlyList<TableTransactionAction>> StageAsync(
        EventPartition partition, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Stage at least one event.", nameof(events));
        }

        if (!StorageNameRules.IsValidTableName(partition.Table))
        {
            throw new ArgumentException($"'{partition.Table}' is not a valid table name.", nameof(partition));
        }

        var now = time.GetUtcNow();
        await MarkPendingAsync(partition, cancellationToken);
        return Rows(partition, events, now);
    }

    /// <summary>
    /// The first half of <see cref="StageAsync"/>, for a caller that can send it together with another write before its
    /// transaction (saving a round trip): the partition's entry in the pending index. Idempotent, and harmless when the
    /// transaction then does not happen (the sweep drops the entry of an empty partition after the grace period).
    /// </summary>
    public async Task MarkPendingAsync(EventPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!StorageNameRules.IsValidTableName(partition.Table))
        {
            throw new ArgumentException($"'{partition.Table}' is not a valid table name.", nameof(partition));
        }

        await pendingIndex.UpsertAsync(
            OutboxRows.PendingMarker(partition.Table, partition.PartitionKey, time.GetUtcNow()), cancellationToken: cancellationToken);
    }

    /// <summary>The second half of <see cref="StageAsync"/>: one insert per event, only after <see cref="MarkPendingAsync"/> completed.</summary>
    public static IReadOnlyList<TableTransactionAction> Rows(EventPartition partition, IReadOnlyList<DomainEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(events);

        // Add, not upsert: committing an event twice must fail the transaction, not write (and publish) it again.
        return events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, OutboxRows.ToRow(partition.PartitionKey, e, now))).ToList();
    }

    /// <summary>Stages <paramref name="events"/> and submits them with <paramref name="stateActions"/> as one transaction.</summary>
    public async Task<TableTransactionResult> SubmitAsync(
        EventPartition partition,
        IReadOnlyList<TableTransactionAction> stateActions,
        IReadOnlyList<DomainEvent> events,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateActions);
        var eventActions = await StageAsync(partition, events, cancellationToken);
        return await store.Table(partition.Table).SubmitTransactionAsync([.. stateActions, .. eventActions], cancellationToken);
    }

    public async Task<OutboxCommitResult> CommitAsync(
        EventPartition partition, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        var result = await SubmitAsync(partition, [], events, cancellationToken);
        return result.Outcome switch
        {
            TableWriteOutcome.Succeeded => OutboxCommitResult.Committed,
            TableWriteOutcome.AlreadyExists => OutboxCommitResult.AlreadyCommitted,
            _ => throw new InvalidOperationException(
                $"Committing {events.Count} event(s) failed with {result.Outcome} at action {result.FailedActionIndex}."),
        };
    }
}
