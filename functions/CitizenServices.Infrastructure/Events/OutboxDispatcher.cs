namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Sends a partition's events right after the transaction that committed them, inside the writer's request: the
/// <see cref="TableStore"/> commit observer. Bounded by <see cref="OutboxOptions.DispatchTimeout"/>; a failure is
/// logged and left to the sweep, never reported to the writer, whose write has committed.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxPartitionRelay relay, IEventPublisher publisher, OutboxOptions options, ILogger<OutboxDispatcher> logger) : ITableCommitObserver
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
        using var timeout = new CancellationTokenSource(options.DispatchTimeout);
        try
        {
            var result = await relay.RelayAsync(table, staged.Entity.PartitionKey, committedBefore: null, marker: null, timeout.Token);
            logger.LogDebug("Dispatched {Count} event(s) after a commit to {Table}", result.Published, table);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Storage failed or the timeout hit while reading the rows: the sweep sends them.
            logger.LogWarning(exception, "Dispatch after a commit to {Table} did not finish; the sweep sends its events", table);
        }
    }
}
