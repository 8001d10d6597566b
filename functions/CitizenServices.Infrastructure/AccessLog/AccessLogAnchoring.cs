namespace CitizenServices.Infrastructure.AccessLog;

/// <summary>What one anchoring run did.</summary>
public sealed record AccessLogAnchorRun(int Heads, int Anchored, int AlreadyAnchored, int Unreadable);

/// <summary>
/// Writes the current head of access-log chains to the <see cref="IAccessLogAnchorStore"/>: those changed since a time
/// (the hourly timer) or all of them (the daily export). A chain whose head moved within the last run's window is anchored
/// at its new head; older heads stay anchored, so every anchored position is checked forever after.
/// </summary>
/// <remarks>
/// Finding the changed heads is a query on RowKey and Timestamp across all partitions, which the service answers by
/// scanning the table: cheap at pilot scale, but at national scale it wants an index of changed chains written by the
/// appender (docs/deployment.md, "Access-log anchors").
/// </remarks>
public sealed class AccessLogAnchoring(BoundedTable table, IAccessLogAnchorStore anchors, ILogger<AccessLogAnchoring> logger)
{
    public async Task<AccessLogAnchorRun> AnchorAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        var filter = changedSince is { } since
            ? TableClient.CreateQueryFilter($"RowKey eq {AccessLogRows.HeadRowKey} and Timestamp ge {since.ToUniversalTime()}")
            : TableClient.CreateQueryFilter($"RowKey eq {AccessLogRows.HeadRowKey}");
        int heads = 0, anchored = 0, already = 0, unreadable = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            heads++;
            if (!NationalIdentityNumber.TryParse(row.PartitionKey, out var principal) || AccessLogRows.TryReadHead(row) is not { } head)
            {
                unreadable++;
                logger.LogWarning("Access-log head in a partition that cannot be read was not anchored; verify the log.");
                continue;
            }

            if (await anchors.AnchorAsync(principal, head, cancellationToken))
            {
                anchored++;
            }
            else
            {
                already++;
            }
        }

        return new AccessLogAnchorRun(heads, anchored, already, unreadable);
    }
}
