namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Sends a partition's events right after the transaction that committed them, inside the writer's request: the
/// <see cref="TableStore"/> commit observer. Bounded by <see cref="OutboxOptions.DispatchTimeout"/>; a failure is
/// logged and left to the sweep, never reported to the writer, whose write has committed.
/// </summary>
/// <remarks>
/// A dispatch that leaves rows behind (the send or the delete failed) touches the partition's pending-index entry again
/// before it leaves. Another pass over the same
/// partition (a concurrent writer's dispatch, or the sweep) may have read the entry after this writer touched it but the
/// rows before this writer committed, and marked the partition drained with this writer's row in it; the sweep skips a
/// drained entry until <see cref="OutboxOptions.PendingReleaseGrace"/>, so without the second touch the event would wait
/// minutes instead of <see cref="OutboxOptions.DispatchGrace"/>.
/// </remarks>
public sealed class OutboxDispatcher(
    OutboxPartitionRelay relay, TableEventOutbox outbox, IEventPublisher publisher, OutboxOptions options, ILogger<OutboxDispatcher> logger)
    : ITableCommitObserver
{
    public async Task OnCommittedAsync(string table, IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var staged = actions.FirstOrDefault(a =>
            a.ActionType == TableTransactionActionType.Add
            && a.Entity.RowKey.StartsWith(OutboxRows.RowKeyPrefix, StringComparison.Ordinal));
        if (staged is null || publisher is UnconfiguredEventPublisher)
        {
            return;
        }

        // Not the request's token: a caller who hangs up after the commit must not stop its events from being sent.
        var partition = new EventPartition(table, staged.Entity.PartitionKey);
        using var timeout = new CancellationTokenSource(options.DispatchTimeout);
        try
        {
            var result = await relay.RelayAsync(table, partition.PartitionKey, committedBefore: null, marker: null, timeout.Token);
            logger.LogDebug("Dispatched {Count} event(s) after a commit to {Table}", result.Published, table);
            if (result.Empty)
            {
                return;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Storage failed or the timeout hit while reading the rows: the sweep sends them.
            logger.LogWarning(exception, "Dispatch after a commit to {Table} did not finish; the sweep sends its events", table);
        }

        await KeepPendingAsync(partition, table);
    }

    private async Task KeepPendingAsync(EventPartition partition, string table)
    {
        using var timeout = new CancellationTokenSource(options.DispatchTimeout);
        try
        {
            await outbox.MarkPendingAsync(partition, timeout.Token);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Storage is failing: the entry stays as it is, and a drained one is visited again after the release grace.
            logger.LogWarning(exception, "Could not mark an outbox partition of {Table} pending again after a failed dispatch", table);
        }
    }
}
