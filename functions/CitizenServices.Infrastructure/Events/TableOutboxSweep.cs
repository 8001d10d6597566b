namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// The sweep (function <c>OutboxSweep</c>): finds partitions with work through the pending index, sends their rows older
/// than <see cref="OutboxOptions.DispatchGrace"/> and removes drained entries once they are past
/// <see cref="OutboxOptions.PendingReleaseGrace"/>.
/// </summary>
/// <remarks>
/// Entries a dispatch marked drained are skipped by the index query itself until their grace is over, so a sweep reads
/// only partitions that may hold work, not every partition written in the last minutes. Each sweep starts at the next
/// shard, so with more than <see cref="OutboxOptions.MaxPartitionsPerRun"/> such partitions no shard waits behind
/// another for more than 16 sweeps.
/// </remarks>
public sealed class TableOutboxSweep(
    TableStore store,
    BoundedTable pendingIndex,
    OutboxPartitionRelay relay,
    TimeProvider time,
    OutboxOptions options,
    OutboxMetrics metrics,
    ILogger<TableOutboxSweep> logger) : IOutboxSweep
{
    private int _nextShard;

    public async Task<OutboxSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var releaseBefore = now - options.PendingReleaseGrace;
        var markers = await ReadWorkAsync(releaseBefore, cancellationToken);

        var published = 0;
        var failed = 0;
        var oldest = new ConcurrentBag<DateTimeOffset>();
        await Parallel.ForEachAsync(
            markers,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.SweepParallelism), CancellationToken = cancellationToken },
            async (marker, ct) =>
            {
                var tableName = marker.GetString(OutboxRows.Properties.SourceTable);
                var partitionKey = marker.GetString(OutboxRows.Properties.SourcePartition);
                if (!StorageNameRules.IsValidTableName(tableName) || partitionKey is null)
                {
                    logger.LogError("A pending index entry in shard {Shard} names no valid table; removing it", marker.PartitionKey);
                    await pendingIndex.DeleteAsync(marker.PartitionKey, marker.RowKey, marker.ETag, ct);
                    return;
                }

                var result = await relay.RelayAsync(tableName, partitionKey, now - options.DispatchGrace, marker, ct);
                Interlocked.Add(ref published, result.Published);
                if (result.SendFailed)
                {
                    Interlocked.Increment(ref failed);
                }

                if (result.OldestPending is { } pendingSince)
                {
                    oldest.Add(pendingSince);
                }
                else if (result.Empty)
                {
                    await ReleaseIfDrainedAsync(store.Table(tableName), marker, releaseBefore, ct);
                }
            });

        var age = oldest.IsEmpty ? TimeSpan.Zero : now - oldest.Min();
        metrics.RecordOldestPendingAge(age);
        if (published > 0 || failed > 0)
        {
            logger.LogInformation(
                "Outbox sweep: {Partitions} partition(s), {Published} event(s) sent, {Failed} partition(s) failed, oldest unsent {Age}",
                markers.Count, published, failed, age);
        }

        return new OutboxSweepResult(markers.Count, published, failed, age);
    }

    /// <summary>Entries not marked drained, and drained ones past the release grace, starting at a rotating shard.</summary>
    private async Task<List<TableEntity>> ReadWorkAsync(DateTimeOffset releaseBefore, CancellationToken cancellationToken)
    {
        var start = (int)((uint)Interlocked.Increment(ref _nextShard) % OutboxRows.PendingShards);
        var markers = new List<TableEntity>();
        for (var i = 0; i < OutboxRows.PendingShards && markers.Count < options.MaxPartitionsPerRun; i++)
        {
            var shard = "s" + ((start + i) % OutboxRows.PendingShards).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            // Property names as literals (OutboxRows.Properties.Drained, .TouchedAt): CreateQueryFilter quotes values only.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and (Drained eq {false} or TouchedAt le {releaseBefore})");
            await foreach (var marker in pendingIndex.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                markers.Add(marker);
                if (markers.Count >= options.MaxPartitionsPerRun)
                {
                    break;
                }
            }
        }

        return markers;
    }

    /// <summary>
    /// Removes the entry of an empty partition once it is older than the grace, and only if nobody touched it since it
    /// was read (ETag): a writer touches it before committing, so a writer about to commit keeps it.
    /// </summary>
    private async Task ReleaseIfDrainedAsync(BoundedTable source, TableEntity marker, DateTimeOffset releaseBefore, CancellationToken cancellationToken)
    {
        if (marker.GetDateTimeOffset(OutboxRows.Properties.TouchedAt) is { } touchedAt && touchedAt > releaseBefore)
        {
            return;
        }

        var result = await pendingIndex.DeleteAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken);
        logger.LogDebug("Pending index entry {Shard} of {Table} release: {Outcome}", marker.PartitionKey, source.Name, result.Outcome);
    }
}
