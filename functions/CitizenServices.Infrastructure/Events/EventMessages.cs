namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// What a published event carries besides its body (contracts/CHANGELOG.md, docs/events.md). The body is the envelope
/// as before; the properties are what the broker and subscriptions work with, and none holds a national identity number.
/// </summary>
public static class EventMessages
{
    public const string ContentType = "application/json";

    /// <summary>Application property holding the envelope's <c>schemaVersion</c>, so a consumer can route on it unread.</summary>
    public const string SchemaVersionProperty = "schemaVersion";

    /// <summary>The event id: the topic's duplicate detection drops a second send of the same event within its window.</summary>
    public static string MessageId(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.EventId.ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>The event type: what the subscription filters match (<c>sys.Label</c> in SQL filters).</summary>
    public static string Subject(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Type;
    }

    /// <summary>The request's correlation id, or the event id when the use case had none, so every message has one.</summary>
    public static string CorrelationId(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return string.IsNullOrWhiteSpace(envelope.CorrelationId) ? MessageId(envelope) : envelope.CorrelationId;
    }
}

/// <summary>Section <c>Events:Publisher</c>.</summary>
public sealed class EventPublisherOptions
{
    public const string SectionName = "Events:Publisher";

    /// <summary>The topic every event goes to.</summary>
    public string Topic { get; set; } = "citizen-events";

    /// <summary>
    /// Set by the LocalHost for the handler it starts: the base address of its Service Bus stand-in, which takes the
    /// Service Bus REST API's batch format. When set, events go there instead of to Service Bus.
    /// </summary>
    public Uri? LocalBusUri { get; set; }
}
