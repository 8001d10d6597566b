using System.Text.Encodings.Web;

namespace CitizenServices.LocalHost;

/// <summary>
/// Builds invocation payloads the way the host's <c>GetHttpScriptInvocationContextValue</c> encodes values:
/// strings and numbers are JSON-serialized once more (<c>"\"abc\""</c>, <c>"1"</c>), objects stay objects, dates
/// become ISO strings (after a ToString/Parse round trip that drops fractions of a second and the offset).
/// </summary>
internal static class Payloads
{
    // Newtonsoft leaves non-ASCII text unescaped; match it so handlers see the same strings.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonValue Quoted(string value) => JsonValue.Create(JsonSerializer.Serialize(value, Relaxed));

    public static JsonValue Number(long value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    public static JsonValue HostDateTime(DateTimeOffset value) =>
        JsonValue.Create(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));

    public static JsonValue HostDateTimeOffset(DateTimeOffset value) =>
        JsonValue.Create(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    public static JsonObject Sys(string functionName) => new()
    {
        ["MethodName"] = functionName,
        ["UtcNow"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    /// <summary>Data and Metadata for a serviceBusTrigger invocation.</summary>
    public static (JsonObject Data, JsonObject Metadata) ServiceBus(
        string functionName, BindingDefinition trigger, ServiceBusEnvelope message, int deliveryCount, string lockToken)
    {
        var data = new JsonObject
        {
            // dataType binary: base64 of the body. Otherwise the body is bound as a string and, like every string, serialized again.
            [trigger.Name] = trigger.IsBinary
                ? Convert.ToBase64String(message.Body)
                : Quoted(Encoding.UTF8.GetString(message.Body)),
        };

        var properties = new JsonObject();
        foreach (var (key, value) in message.ApplicationProperties)
        {
            properties[key] = JsonNode.Parse(value.GetRawText());
        }

        var metadata = new JsonObject
        {
            ["DeliveryCount"] = Number(deliveryCount),
            ["LockToken"] = Quoted(lockToken),
            ["ExpiresAtUtc"] = HostDateTime(DateTimeOffset.MaxValue),
            ["ExpiresAt"] = HostDateTimeOffset(DateTimeOffset.MaxValue),
            ["EnqueuedTimeUtc"] = HostDateTime(message.EnqueuedTimeUtc),
            ["EnqueuedTime"] = HostDateTimeOffset(message.EnqueuedTimeUtc),
            ["MessageId"] = Quoted(message.MessageId),
            ["SequenceNumber"] = Number(message.SequenceNumber),
            ["ApplicationProperties"] = properties,
            ["UserProperties"] = properties.DeepClone(),
            ["MessageActions"] = new JsonObject(),
            ["ReceiveActions"] = new JsonObject(),
            ["Client"] = new JsonObject(),
        };

        // The host drops null binding data, so absent broker properties are absent keys.
        AddIfSet(metadata, "ContentType", message.ContentType);
        AddIfSet(metadata, "CorrelationId", message.CorrelationId);
        AddIfSet(metadata, "Subject", message.Subject);
        AddIfSet(metadata, "Label", message.Subject);
        PromoteBodyProperties(metadata, message.Body);
        metadata["sys"] = Sys(functionName);
        return (data, metadata);
    }

    /// <summary>
    /// The host adds a JSON body's top-level properties to the binding data (hence Metadata); system keys win.
    /// </summary>
    public static void PromoteBodyProperties(JsonObject metadata, ReadOnlySpan<byte> body)
    {
        JsonObject? parsed;
        try
        {
            parsed = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (parsed is null)
        {
            return;
        }

        foreach (var (key, value) in parsed)
        {
            if (metadata.ContainsKey(key) || value is not JsonValue scalar)
            {
                continue;
            }

            JsonValue? encoded;
            try
            {
                encoded = scalar.GetValueKind() switch
                {
                    JsonValueKind.String => Quoted(scalar.GetValue<string>()),
                    JsonValueKind.Number => JsonValue.Create(scalar.ToJsonString()),
                    JsonValueKind.True => JsonValue.Create("true"),
                    JsonValueKind.False => JsonValue.Create("false"),
                    _ => null,
                };
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8, or holds half a surrogate pair, cannot be decoded: the message is still
                // delivered (the handler decides what it is worth), just without this promoted property.
                encoded = null;
            }

            if (encoded is not null)
            {
                metadata[key] = encoded;
            }
        }
    }

    private static void AddIfSet(JsonObject metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata[key] = Quoted(value);
        }
    }
}
