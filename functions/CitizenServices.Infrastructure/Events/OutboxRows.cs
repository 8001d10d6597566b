namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Storage layout of the outbox (docs/events.md). Event rows live in the use case's own table, in the partition of
/// the state they belong to, keyed <c>outbox|{eventId:N}</c>; the pending index (<c>outboxpending</c>) has one row
/// per partition that had rows to send within <see cref="OutboxOptions.PendingReleaseGrace"/>.
/// </summary>
public static class OutboxRows
{
    /// <summary>Every outbox row key starts with this, so a use case's state rows and its outbox rows never mix.</summary>
    public const string RowKeyPrefix = "outbox|";

    /// <summary>Pending-index shards: spread index writes over partitions instead of one hot one.</summary>
    public const int PendingShards = 16;

    public static class Properties
    {
        public const string EventType = "EventType";
        public const string SchemaVersion = "SchemaVersion";
        public const string Subject = "Subject";
        public const string OccurredAt = "OccurredAt";
        public const string CorrelationId = "CorrelationId";
        public const string Data = "Data";
        public const string StagedAt = "StagedAt";
        public const string SourceTable = "SourceTable";
        public const string SourcePartition = "SourcePartition";
        public const string TouchedAt = "TouchedAt";

        /// <summary>
        /// On a pending-index entry: true once a dispatch found the partition empty and nobody touched the entry since,
        /// so the sweep skips it until <see cref="TouchedAt"/> is older than the release grace. A writer's touch
        /// replaces the entry with <c>false</c>.
        /// </summary>
        public const string Drained = "Drained";
    }

    /// <summary>Version 7 ids in "N" form sort by creation time, so a partition's rows come back oldest first.</summary>
    public static string RowKey(Guid eventId) => RowKeyPrefix + eventId.ToString("N", CultureInfo.InvariantCulture);

    public static TableEntity ToRow(string partitionKey, DomainEvent domainEvent, DateTimeOffset stagedAt)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return new TableEntity(partitionKey, RowKey(domainEvent.EventId))
        {
            [Properties.EventType] = domainEvent.Type,
            [Properties.SchemaVersion] = domainEvent.SchemaVersion,
            [Properties.Subject] = domainEvent.Subject.Value,
            [Properties.OccurredAt] = domainEvent.OccurredAt,
            [Properties.CorrelationId] = domainEvent.CorrelationId,
            [Properties.Data] = domainEvent.Data.GetRawText(),
            [Properties.StagedAt] = stagedAt,
        };
    }

    /// <summary>When the row was staged, just before its commit; rows written before that property existed count as old.</summary>
    public static DateTimeOffset StagedAt(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.GetDateTimeOffset(Properties.StagedAt) ?? row.Timestamp ?? DateTimeOffset.MinValue;
    }

    public static EventEnvelope ToEnvelope(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var data = JsonDocument.Parse(row.GetString(Properties.Data));
        var eventId = Guid.ParseExact(row.RowKey.AsSpan(RowKeyPrefix.Length), "N");
        return new EventEnvelope
        {
            EventId = eventId,
            Type = row.GetString(Properties.EventType),
            Subject = NationalIdentityNumber.Parse(row.GetString(Properties.Subject)),
            OccurredAt = row.GetDateTimeOffset(Properties.OccurredAt) ?? throw new InvalidDataException($"Outbox row {eventId} has no OccurredAt."),
            CorrelationId = row.GetString(Properties.CorrelationId),
            SchemaVersion = row.GetInt32(Properties.SchemaVersion) ?? 1,
            Data = data.RootElement.Clone(),
        };
    }

    public static string PendingPartitionKey(string table, string partitionKey) =>
        "s" + (Fnv1a($"{table}|{partitionKey}") % PendingShards).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Table names have no '|', so the first one separates table from partition key.</summary>
    public static string PendingRowKey(string table, string partitionKey) => $"{table}|{partitionKey}";

    public static TableEntity PendingMarker(string table, string partitionKey, DateTimeOffset touchedAt) =>
        new(PendingPartitionKey(table, partitionKey), PendingRowKey(table, partitionKey))
        {
            [Properties.SourceTable] = table,
            [Properties.SourcePartition] = partitionKey,
            [Properties.TouchedAt] = touchedAt,
            [Properties.Drained] = false,
        };

    // A stable hash (string.GetHashCode is randomised per process), only to pick a shard.
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
