namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Table <c>inbox</c>: one row per (event, consumer), PartitionKey = event id so claims spread over partitions.
/// The row remembers the Service Bus MessageId that claimed it, which tells a redelivery of the same message (whose
/// outputs may never have been sent) from a second copy of the event.
/// </summary>
public sealed class TableEventInbox(BoundedTable table, TimeProvider time) : IEventInbox
{
    public async Task<InboxClaim> ClaimAsync(string consumer, Guid eventId, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumer);
        var partitionKey = eventId.ToString("N", CultureInfo.InvariantCulture);
        var added = await table.AddAsync(
            new TableEntity(partitionKey, consumer) { ["MessageId"] = messageId, ["ProcessedAt"] = time.GetUtcNow() },
            cancellationToken);
        if (added.Succeeded)
        {
            return InboxClaim.First;
        }

        var existing = await table.GetAsync<TableEntity>(partitionKey, consumer, cancellationToken: cancellationToken);
        return messageId is not null && string.Equals(existing?.GetString("MessageId"), messageId, StringComparison.Ordinal)
            ? InboxClaim.Redelivery
            : InboxClaim.Duplicate;
    }
}

/// <summary>
/// Parked (poison) messages, in the <c>inbox</c> table next to the processed ids: PartitionKey
/// <c>parked|{consumer}|{yyyyMMdd}</c> (one partition per consumer and day, so an operator lists a day at once and no
/// partition grows without bound), RowKey newest first. Event-id partitions are 32 hex digits and never collide.
/// </summary>
public sealed class TableParkingLot(BoundedTable table) : IParkingLot
{
    /// <summary>One binary property holds at most 64 KiB; a longer body is kept truncated, with its full length.</summary>
    public const int MaxStoredBodyBytes = TableLimits.MaxPropertyValueBytes;

    private const int MaxReasonChars = 8 * 1024;

    public async Task ParkAsync(ParkedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Body.Length > MaxStoredBodyBytes ? message.Body[..MaxStoredBodyBytes] : message.Body;
        var rowKey = (DateTimeOffset.MaxValue.UtcTicks - message.ParkedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
            + "|" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        await table.UpsertAsync(
            new TableEntity(PartitionKey(message.Consumer, DateOnly.FromDateTime(message.ParkedAt.UtcDateTime)), rowKey)
            {
                ["Consumer"] = message.Consumer,
                ["Reason"] = message.Reason.Length > MaxReasonChars ? message.Reason[..MaxReasonChars] : message.Reason,
                ["Body"] = body.ToArray(),
                ["BodyLength"] = message.Body.Length,
                ["MessageId"] = message.MessageId,
                ["DeliveryCount"] = message.DeliveryCount,
                ["ParkedAt"] = message.ParkedAt,
            },
            cancellationToken: cancellationToken);
    }

    public async IAsyncEnumerable<ParkedMessage> ListAsync(
        string consumer, DateOnly day, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryPartitionAsync<TableEntity>(PartitionKey(consumer, day), cancellationToken: cancellationToken))
        {
            yield return new ParkedMessage(
                row.GetString("Consumer"),
                row.GetString("Reason"),
                row.GetBinary("Body") ?? [],
                row.GetString("MessageId"),
                row.GetInt32("DeliveryCount"),
                row.GetDateTimeOffset("ParkedAt") ?? default);
        }
    }

    private static string PartitionKey(string consumer, DateOnly day) =>
        $"parked|{consumer}|{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
