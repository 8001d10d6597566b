using System.Collections.ObjectModel;

namespace CitizenServices.Functions.Invocation;

/// <summary>
/// A Service Bus message as the Functions host delivers it to a custom handler: the body from
/// <c>Data.&lt;binding&gt;</c> and the broker properties from <c>Metadata</c>. Properties the host did not
/// send are null.
/// </summary>
public sealed record ServiceBusMessage
{
    public required BinaryData Body { get; init; }

    public string? MessageId { get; init; }

    public int? DeliveryCount { get; init; }

    public DateTimeOffset? EnqueuedTime { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public long? SequenceNumber { get; init; }

    public string? ContentType { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>Subject (called Label before Service Bus SDK 7).</summary>
    public string? Subject { get; init; }

    public string? SessionId { get; init; }

    public string? ReplyTo { get; init; }

    public string? To { get; init; }

    public string? DeadLetterSource { get; init; }

    /// <summary>Strings, longs, doubles, booleans or null; nested structures stay <see cref="JsonElement"/>.</summary>
    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; init; } = EmptyProperties;

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.ToMemory().Span);

    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties =
        ReadOnlyDictionary<string, object?>.Empty;

    internal static ServiceBusMessage Read(PayloadValue data, PayloadValue metadata) => new()
    {
        Body = ReadBody(data),
        MessageId = Text(metadata, "MessageId"),
        DeliveryCount = metadata.TryGetProperty("DeliveryCount", out var deliveryCount) ? deliveryCount.GetInt32() : null,
        EnqueuedTime = Timestamp(metadata, "EnqueuedTimeUtc", "EnqueuedTime"),
        ExpiresAt = Timestamp(metadata, "ExpiresAtUtc", "ExpiresAt"),
        SequenceNumber = metadata.TryGetProperty("SequenceNumber", out var sequenceNumber) ? sequenceNumber.GetInt64() : null,
        ContentType = Text(metadata, "ContentType"),
        CorrelationId = Text(metadata, "CorrelationId"),
        Subject = Text(metadata, "Subject", "Label"),
        SessionId = Text(metadata, "SessionId"),
        ReplyTo = Text(metadata, "ReplyTo"),
        To = Text(metadata, "To"),
        DeadLetterSource = Text(metadata, "DeadLetterSource"),
        ApplicationProperties = ReadApplicationProperties(metadata),
    };

    /// <summary>
    /// With <c>dataType: "binary"</c> the body is base64. Without it the host sends the text JSON-encoded a
    /// second time (a string whose content is a JSON string literal); a stand-in host may send the text once,
    /// or a JSON body as a raw object. Base64 never starts with a quote or a brace, so the forms cannot be
    /// confused.
    /// </summary>
    private static BinaryData ReadBody(PayloadValue data)
    {
        var element = data.Element;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return BinaryData.FromString(element.GetRawText());
            case JsonValueKind.String:
                break;
            default:
                throw data.Invalid("must hold the message body but is null.");
        }

        var text = element.GetString()!;
        var start = text.AsSpan().TrimStart();
        if (!start.IsEmpty && start[0] == '"')
        {
            if (!PayloadValue.TryParse(text, out var inner) || inner.ValueKind != JsonValueKind.String)
            {
                throw data.Invalid("looks JSON-encoded but is not a valid JSON string.");
            }

            return BinaryData.FromString(inner.GetString()!);
        }

        if (!start.IsEmpty && (start[0] == '{' || start[0] == '['))
        {
            return BinaryData.FromString(text);
        }

        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? BinaryData.FromBytes(buffer.AsMemory(0, written))
            : throw data.Invalid("must be base64 (binding dataType \"binary\") or JSON-encoded text.");
    }

    private static IReadOnlyDictionary<string, object?> ReadApplicationProperties(PayloadValue metadata)
    {
        if (!metadata.TryGetFirstProperty(out var properties, "ApplicationProperties", "UserProperties"))
        {
            return EmptyProperties;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in properties.AsObject().Element.EnumerateObject())
        {
            result[property.Name] = PayloadValue.ToClrValue(property.Value);
        }

        return result;
    }

    private static string? Text(PayloadValue metadata, params ReadOnlySpan<string> names) =>
        metadata.TryGetFirstProperty(out var value, names) ? value.GetText() : null;

    private static DateTimeOffset? Timestamp(PayloadValue metadata, params ReadOnlySpan<string> names) =>
        metadata.TryGetFirstProperty(out var value, names) ? value.GetTimestamp() : null;
}
