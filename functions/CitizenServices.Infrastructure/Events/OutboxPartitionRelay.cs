namespace CitizenServices.Infrastructure.Events;

/// <summary>What one pass over a partition's outbox rows did.</summary>
/// <param name="Published">Events the broker accepted in this pass.</param>
/// <param name="SendFailed">The send failed (or timed out); the rows stay for the sweep.</param>
/// <param name="OldestPending">When the oldest row still in the partition afterwards was staged; null when none is left.</param>
/// <param name="Empty">The partition has no outbox rows left.</param>
public readonly record struct PartitionRelayResult(int Published, bool SendFailed, DateTimeOffset? OldestPending, bool Empty);

/// <summary>
/// Sends one partition's outbox rows, oldest first, and deletes them once the broker has accepted them: the step both
/// the dispatch after a commit and the sweep take. Deleting after the send, never before, is what makes it at least
/// once: a crash or a failed delete leaves the rows, they are sent again with the same message ids, and the topic's
/// duplicate detection (then the consumers' inbox) drops the second copy.
/// </summary>
public sealed class OutboxPartitionRelay(
    TableStore store, BoundedTable pendingIndex, IEventPublisher publisher, OutboxOptions options, ILogger<OutboxPartitionRelay> logger)
{
    /// <param name="committedBefore">
    /// Only rows staged at or before this are sent, and the pass stops at the first younger one, so a partition's events
    /// never overtake each other. Null sends every row (the dispatch right after a commit).
    /// </param>
    /// <param name="marker">The partition's pending-index entry if the caller has just read it; null reads it here.</param>
    /// <exception cref="RequestFailedException">Storage failed while reading; nothing was sent.</exception>
    public async Task<PartitionRelayResult> RelayAsync(
        string table, string partitionKey, DateTimeOffset? committedBefore, TableEntity? marker, CancellationToken cancellationToken)
    {
        // Read the entry before the rows: marking it drained below is conditional on its ETag, so a writer that touches
        // it after this read (and may commit after the row query) keeps it undrained for the sweep.
        marker ??= await pendingIndex.GetAsync<TableEntity>(
            OutboxRows.PendingPartitionKey(table, partitionKey), OutboxRows.PendingRowKey(table, partitionKey), cancellationToken: cancellationToken);

        var source = store.Table(table);
        var rows = await ReadRowsAsync(source, partitionKey, cancellationToken);
        var sendable = rows
            .TakeWhile(row => committedBefore is not { } cutoff || OutboxRows.StagedAt(row) <= cutoff)
            .Take(options.MaxEventsPerPartition)
            .ToList();
        if (sendable.Count == 0)
        {
            if (rows.Count == 0)
            {
                await MarkDrainedAsync(marker, committedBefore, cancellationToken);
            }

            return new(0, false, rows.Count == 0 ? null : OutboxRows.StagedAt(rows[0]), rows.Count == 0);
        }

        try
        {
            await publisher.PublishAsync(sendable.Select(OutboxRows.ToEnvelope).ToList(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Anything the broker or the network throws, a timeout included: the rows stay, the sweep sends them.
            logger.LogWarning(
                exception,
                "Sending {Count} event(s) of an outbox partition of table {Table} failed; left for the sweep (first event {EventId})",
                sendable.Count, table, sendable[0].RowKey[OutboxRows.RowKeyPrefix.Length..]);
            return new(0, true, OutboxRows.StagedAt(rows[0]), false);
        }

        var deleted = await DeleteAsync(source, sendable, table, cancellationToken);
        var left = rows.Count - (deleted ? sendable.Count : 0);
        if (left == 0)
        {
            await MarkDrainedAsync(marker, committedBefore, cancellationToken);
            return new(sendable.Count, false, null, true);
        }

        return new(sendable.Count, false, OutboxRows.StagedAt(deleted ? rows[sendable.Count] : rows[0]), false);
    }

    private static async Task<List<TableEntity>> ReadRowsAsync(BoundedTable source, string partitionKey, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in source.QueryPartitionAsync<TableEntity>(partitionKey, OutboxRows.RowKeyPrefix, cancellationToken: cancellationToken))
            {
                rows.Add(row);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table, so no events: the entry can go like any drained one.
        }

        return rows;
    }

    /// <summary>
    /// Deletes the sent rows, 100 to a transaction. A failure here is not an error for anyone: the events are on the
    /// topic, the rows are sent again later and dropped there as duplicates.
    /// </summary>
    private async Task<bool> DeleteAsync(BoundedTable source, List<TableEntity> sent, string table, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chunk in sent.Chunk(TableLimits.MaxTransactionActions))
            {
                var result = await source.SubmitTransactionAsync(
                    chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)).ToList(), cancellationToken);
                if (result.Outcome == TableWriteOutcome.NotFound)
                {
                    // Another dispatch or the sweep sent and deleted some of them meanwhile: delete the rest one by one.
                    foreach (var row in chunk)
                    {
                        await source.DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                    }
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException)
        {
            logger.LogWarning(
                exception, "Deleting {Count} sent outbox row(s) of table {Table} failed; they will be sent again and dropped as duplicates",
                sent.Count, table);
            return false;
        }
    }

    /// <summary>
    /// Marks the entry drained (conditional on the ETag read before the rows), except in a sweep's pass when a writer
    /// touched it after the sweep's cutoff: that writer may commit after this pass read the rows, and if it then crashes
    /// before its own dispatch, a drained entry would hide its row from the sweep until the release grace. Left pending,
    /// the next sweep past the cutoff visits it once more.
    /// </summary>
    private async Task MarkDrainedAsync(TableEntity? marker, DateTimeOffset? committedBefore, CancellationToken cancellationToken)
    {
        if (marker is null || marker.GetBoolean(OutboxRows.Properties.Drained) == true)
        {
            return;
        }

        if (committedBefore is { } cutoff && marker.GetDateTimeOffset(OutboxRows.Properties.TouchedAt) is { } touchedAt && touchedAt > cutoff)
        {
            return;
        }

        var result = await pendingIndex.UpdateAsync(
            new TableEntity(marker.PartitionKey, marker.RowKey) { [OutboxRows.Properties.Drained] = true },
            marker.ETag,
            TableUpdateMode.Merge,
            cancellationToken);
        logger.LogDebug("Pending index entry in {Shard} marked drained: {Outcome}", marker.PartitionKey, result.Outcome);
    }
}
