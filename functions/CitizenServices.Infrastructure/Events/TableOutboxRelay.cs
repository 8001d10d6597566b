using Azure;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Finds due outbox rows through the pending index, marks them relayed, and deletes them when confirmed.
/// Marking happens before the host publishes (it publishes after the invocation returns), which is why an unconfirmed
/// row is relayed again after <see cref="OutboxOptions.RedeliveryTimeout"/>: at least once, never lost.
/// </summary>
public sealed class TableOutboxRelay(
    TableStore store, BoundedTable pendingIndex, TimeProvider time, OutboxOptions options, ILogger<TableOutboxRelay> logger) : IOutboxRelay
{
    public async Task<IReadOnlyList<EventEnvelope>> TakeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var markers = new List<TableEntity>();
        await foreach (var marker in pendingIndex.QueryAsync<TableEntity>(null, cancellationToken: cancellationToken))
        {
            markers.Add(marker);
            if (markers.Count >= options.MaxPartitionsPerRun)
            {
                break;
            }
        }

        var taken = new List<EventEnvelope>();
        foreach (var marker in markers)
        {
            var budget = options.MaxEventsPerRun - taken.Count;
            if (budget <= 0)
            {
                break;
            }

            var tableName = marker.GetString(OutboxRows.Properties.SourceTable);
            var partitionKey = marker.GetString(OutboxRows.Properties.SourcePartition);
            if (!StorageNameRules.IsValidTableName(tableName) || partitionKey is null)
            {
                logger.LogError("A pending index entry in shard {Shard} names no valid table; removing it", marker.PartitionKey);
                await pendingIndex.DeleteAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken);
                continue;
            }

            var table = store.Table(tableName);
            var rows = new List<TableEntity>();
            try
            {
                await foreach (var row in table.QueryPartitionAsync<TableEntity>(partitionKey, OutboxRows.RowKeyPrefix, cancellationToken: cancellationToken))
                {
                    rows.Add(row);
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // The table is gone, so it holds no events; one bad entry must not stop the relay for everyone.
                logger.LogWarning("Pending index names table {Table}, which does not exist", tableName);
            }

            if (rows.Count == 0)
            {
                await ReleaseIfDrainedAsync(marker, now, cancellationToken);
                continue;
            }

            var due = rows
                .Where(r => r.GetDateTimeOffset(OutboxRows.Properties.RelayedAt) is not { } relayedAt || relayedAt + options.RedeliveryTimeout <= now)
                .Take(budget)
                .ToList();
            foreach (var chunk in due.Chunk(TableLimits.MaxTransactionActions))
            {
                if (await MarkRelayedAsync(table, chunk, now, cancellationToken))
                {
                    taken.AddRange(chunk.Select(row => OutboxRows.ToEnvelope(tableName, row)));
                }
            }
        }

        return taken;
    }

    public async Task<ConfirmOutcome> ConfirmAsync(OutboxReference outbox, Guid eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (!StorageNameRules.IsValidTableName(outbox.Table) || !IsValidKey(outbox.PartitionKey))
        {
            return ConfirmOutcome.InvalidReference;
        }

        // Only outbox| keys are ever deleted here, so a forged reference cannot remove state rows.
        var deleted = await store.Table(outbox.Table).DeleteAsync(outbox.PartitionKey, OutboxRows.RowKey(eventId), cancellationToken: cancellationToken);
        var marker = await pendingIndex.GetAsync<TableEntity>(
            OutboxRows.PendingPartitionKey(outbox.Table, outbox.PartitionKey),
            OutboxRows.PendingRowKey(outbox.Table, outbox.PartitionKey),
            cancellationToken: cancellationToken);
        if (marker is not null)
        {
            await ReleaseIfDrainedAsync(marker, time.GetUtcNow(), cancellationToken);
        }

        return deleted.Outcome == TableWriteOutcome.NotFound ? ConfirmOutcome.AlreadyDeleted : ConfirmOutcome.Deleted;
    }

    /// <summary>
    /// Removes the index entry of a partition with no outbox rows, but only once it is older than the grace period
    /// and only if nobody touched it since it was read (ETag): a writer touches it before committing, so a writer
    /// about to commit keeps it alive. See <see cref="OutboxOptions.PendingReleaseGrace"/>.
    /// </summary>
    private async Task ReleaseIfDrainedAsync(TableEntity marker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (marker.GetDateTimeOffset(OutboxRows.Properties.TouchedAt) is { } touchedAt && touchedAt + options.PendingReleaseGrace > now)
        {
            return;
        }

        var table = store.Table(marker.GetString(OutboxRows.Properties.SourceTable));
        try
        {
            await foreach (var _ in table.QueryPartitionAsync<TableEntity>(
                marker.GetString(OutboxRows.Properties.SourcePartition), OutboxRows.RowKeyPrefix, ["RowKey"], cancellationToken))
            {
                return;
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table, no events: the entry can go.
        }

        var result = await pendingIndex.DeleteAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken);
        logger.LogDebug("Pending index entry {Shard} release: {Outcome}", marker.PartitionKey, result.Outcome);
    }

    private async Task<bool> MarkRelayedAsync(BoundedTable table, IReadOnlyList<TableEntity> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var actions = rows.Select(row => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge,
            new TableEntity(row.PartitionKey, row.RowKey)
            {
                [OutboxRows.Properties.RelayedAt] = now,
                [OutboxRows.Properties.RelayCount] = (row.GetInt32(OutboxRows.Properties.RelayCount) ?? 0) + 1,
            },
            row.ETag)).ToList();
        var result = await table.SubmitTransactionAsync(actions, cancellationToken);
        if (result.Succeeded)
        {
            return true;
        }

        // Another relay run marked them, or OutboxConfirm deleted one: leave the chunk to the next run, which re-reads.
        logger.LogInformation("Outbox rows changed while relaying ({Outcome}); retrying them on the next run", result.Outcome);
        return false;
    }

    private static bool IsValidKey(string key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
