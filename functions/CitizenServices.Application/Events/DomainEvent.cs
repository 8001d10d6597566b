using System.Text.Json;

namespace CitizenServices.Application.Events;

/// <summary>An event a use case raises; committed to the outbox with the state change that caused it.</summary>
public sealed record DomainEvent(
    Guid EventId,
    string Type,
    int SchemaVersion,
    NationalIdentityNumber Subject,
    DateTimeOffset OccurredAt,
    string? CorrelationId,
    JsonElement Data)
{
    /// <summary>
    /// A new event of a known type at the current version. The id is a version 7 UUID, so ids (and the outbox row
    /// keys made from them) sort by creation time and the relay publishes a partition's events in order.
    /// </summary>
    public static DomainEvent Create(string type, NationalIdentityNumber subject, object data, TimeProvider time, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(time);
        return Create(type, subject, data, time.GetUtcNow(), correlationId);
    }

    /// <summary>A new event that happened at <paramref name="occurredAt"/> (the moment the state change records).</summary>
    public static DomainEvent Create(string type, NationalIdentityNumber subject, object data, DateTimeOffset occurredAt, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(data);
        if (!EventTypes.CurrentVersions.TryGetValue(type, out var version))
        {
            throw new ArgumentException($"'{type}' is not a known event type; add it to EventTypes first.", nameof(type));
        }

        return new DomainEvent(
            Guid.CreateVersion7(occurredAt),
            type,
            version,
            subject,
            occurredAt,
            correlationId,
            JsonSerializer.SerializeToElement(data, data.GetType(), EventEnvelope.SerializerOptions));
    }

    public EventEnvelope ToEnvelope(OutboxReference? outbox) => new()
    {
        EventId = EventId,
        Type = Type,
        Subject = Subject,
        OccurredAt = OccurredAt,
        CorrelationId = CorrelationId,
        SchemaVersion = SchemaVersion,
        Data = Data,
        Outbox = outbox,
    };
}

/// <summary>
/// Where events are committed: a use case's table and the partition of the person the state change is about. The
/// outbox rows share that partition, which is what lets them join the state change's transaction.
/// </summary>
public sealed record EventPartition(string Table, string PartitionKey);
