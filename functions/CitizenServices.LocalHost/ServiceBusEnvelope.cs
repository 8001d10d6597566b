using System.Text.Json.Serialization;

namespace CitizenServices.LocalHost;

/// <summary>A message to send through the Service Bus stand-in.</summary>
public sealed record LocalServiceBusMessage(BinaryData Body)
{
    public string? MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? Subject { get; init; }

    public IReadOnlyDictionary<string, object?>? ApplicationProperties { get; init; }
}

/// <summary>
/// What one storage-queue message of the Service Bus stand-in holds: the body (base64 in JSON) and the broker
/// properties that Service Bus would keep beside it. Dead-lettered copies also carry the reason.
/// </summary>
public sealed class ServiceBusEnvelope
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] Body { get; set; } = [];

    public string MessageId { get; set; } = string.Empty;

    public string? CorrelationId { get; set; }

    public string? ContentType { get; set; }

    public string? Subject { get; set; }

    public Dictionary<string, JsonElement> ApplicationProperties { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset EnqueuedTimeUtc { get; set; }

    public long SequenceNumber { get; set; }

    public string? DeadLetterReason { get; set; }

    public string? DeadLetterErrorDescription { get; set; }

    /// <summary>The entity the message was dead-lettered from.</summary>
    public string? DeadLetterSource { get; set; }

    /// <summary>Set on dead-lettered copies: how often the message had been delivered.</summary>
    public int? DeliveryCount { get; set; }

    public string BodyAsString() => Encoding.UTF8.GetString(Body);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Reads a stand-in message. Text that is not an envelope (e.g. put on the queue by hand) is taken as the body,
    /// so a hand-written message still arrives rather than being lost.
    /// </summary>
    public static ServiceBusEnvelope Parse(string text, string fallbackMessageId, DateTimeOffset fallbackEnqueued)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<ServiceBusEnvelope>(text, JsonOptions);
            if (envelope is not null && !string.IsNullOrEmpty(envelope.MessageId))
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
        }

        return new ServiceBusEnvelope
        {
            Body = Encoding.UTF8.GetBytes(text),
            MessageId = fallbackMessageId,
            EnqueuedTimeUtc = fallbackEnqueued,
        };
    }

    public static ServiceBusEnvelope Parse(string text) => Parse(text, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
}
