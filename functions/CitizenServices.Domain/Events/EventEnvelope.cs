namespace CitizenServices.Domain.Events;

/// <summary>
/// Where an outbox row lived, for the confirmation function that no longer exists. No longer sent; still parsed so that
/// messages published before the change remain readable. Consumers ignore it.
/// </summary>
/// <param name="Table">The table holding the row (the use case's own table).</param>
/// <param name="PartitionKey">The row's partition: the person the state is about.</param>
public sealed record OutboxReference(string Table, string PartitionKey);

/// <summary>
/// The body of every message on topic <c>citizen-events</c>. The Service Bus output binding of a custom handler
/// carries only the body (no MessageId, CorrelationId or application properties), so everything a consumer needs
/// to route, deduplicate and correlate is here. Schema: <c>contracts/messages/event-envelope.schema.json</c>.
/// </summary>
public sealed record EventEnvelope
{
    public required Guid EventId { get; init; }

    public required string Type { get; init; }

    /// <summary>The person the event is about. Never log it: <see cref="NationalIdentityNumber.ToString"/> masks.</summary>
    public required NationalIdentityNumber Subject { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Version of <see cref="Data"/>'s schema for <see cref="Type"/>; a breaking change is a new version.</summary>
    public required int SchemaVersion { get; init; }

    public required JsonElement Data { get; init; }

    /// <summary>Set by the relay; null on envelopes built elsewhere.</summary>
    public OutboxReference? Outbox { get; init; }

    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, SerializerOptions);

    /// <summary>
    /// Reads an envelope strictly enough that a consumer can trust its fields: every required field present and well
    /// formed. The <c>data</c> of each type is checked by <see cref="EventData"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, out EventEnvelope? envelope, out string? error)
    {
        envelope = null;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(utf8Json, SerializerOptions);
        }
        catch (JsonException exception)
        {
            error = "The body is not a valid event envelope: " + JsonFaults.Describe(exception);
            return false;
        }

        error = envelope switch
        {
            null => "The body is JSON null, not an event envelope.",
            { EventId: var id } when id == Guid.Empty => "eventId must not be empty.",
            { Type: var type } when string.IsNullOrWhiteSpace(type) => "type must not be empty.",
            { SchemaVersion: < 1 } => "schemaVersion must be at least 1.",
            { Data.ValueKind: not JsonValueKind.Object } => "data must be a JSON object.",
            { Outbox: { } outbox } when string.IsNullOrWhiteSpace(outbox.Table) || string.IsNullOrWhiteSpace(outbox.PartitionKey) =>
                "outbox.table and outbox.partitionKey are required when outbox is present.",
            _ => null,
        };
        if (error is not null)
        {
            envelope = null;
            return false;
        }

        return true;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A missing required field or a null where none is allowed is a schema violation, not a default value.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
