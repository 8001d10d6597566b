namespace CitizenServices.Functions.Invocation;

/// <summary>
/// One invocation from the Functions host: <c>POST /{FunctionName}</c> with <c>{ "Data": {...}, "Metadata": {...} }</c>.
/// Functions read their inputs through the typed views (<see cref="ReadServiceBusMessage"/>,
/// <see cref="ReadTimer"/>, <see cref="ReadSys"/>); every payload quirk is handled
/// there, and every malformed value raises <see cref="InvalidInvocationPayloadException"/> naming the field.
/// </summary>
public sealed class InvocationRequest
{
    private readonly PayloadValue _data;
    private readonly PayloadValue _metadata;

    private InvocationRequest(string functionName, string? invocationId, PayloadValue data, PayloadValue metadata)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        _data = data;
        _metadata = metadata;
    }

    public string FunctionName { get; }

    /// <summary>From the <c>X-Azure-Functions-InvocationId</c> header; null when the caller sent none.</summary>
    public string? InvocationId { get; }

    /// <summary>Input bindings by name. Prefer the typed views.</summary>
    public JsonElement Data => _data.Element;

    /// <summary>Trigger metadata plus <c>sys</c>. Prefer the typed views.</summary>
    public JsonElement Metadata => _metadata.Element;

    /// <summary>Parses an invocation body.</summary>
    /// <exception cref="InvalidInvocationPayloadException">The body is not JSON or has no <c>Data</c> object.</exception>
    public static InvocationRequest Parse(ReadOnlyMemory<byte> utf8Json, string functionName, string? invocationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);

        JsonElement root;
        try
        {
            // Cloned so the request owns its data and nobody has to dispose a JsonDocument.
            using var document = JsonDocument.Parse(utf8Json);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidInvocationPayloadException(string.Empty, "The invocation body is not valid JSON.", exception);
        }

        var body = new PayloadValue(root, string.Empty);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw body.Invalid("must be a JSON object with Data and Metadata.");
        }

        if (!body.TryGetProperty("Data", out var data) || data.IsMissingOrNull)
        {
            throw new InvalidInvocationPayloadException("/Data", "'/Data' is required.");
        }

        data = data.AsObject();

        // Metadata may be empty or absent; only Data is mandatory.
        var metadata = body.TryGetProperty("Metadata", out var metadataValue) && !metadataValue.IsMissingOrNull
            ? metadataValue.AsObject()
            : new PayloadValue(EmptyObject, "/Metadata");

        return new InvocationRequest(functionName, invocationId, data, metadata);
    }

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte}, string, string?)"/>
    public static InvocationRequest Parse(string json, string functionName, string? invocationId = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), functionName, invocationId);
    }

    /// <summary>A metadata entry by key (exact, then case-insensitive).</summary>
    public bool TryGetMetadata(string key, out JsonElement value)
    {
        var found = _metadata.TryGetProperty(key, out var payloadValue);
        value = payloadValue.Element;
        return found;
    }

    /// <summary>The binding name of every <c>serviceBusTrigger</c> in the app's function.json files.</summary>
    public const string MessageBinding = "message";

    /// <summary>The binding name of every <c>timerTrigger</c> in the app's function.json files.</summary>
    public const string TimerBinding = "timer";

    /// <summary>The Service Bus message of a <c>serviceBusTrigger</c> binding.</summary>
    public ServiceBusMessage ReadServiceBusMessage(string bindingName = MessageBinding) =>
        ServiceBusMessage.Read(RequiredBinding(bindingName), _metadata);

    /// <summary>The timer of a <c>timerTrigger</c> binding.</summary>
    public TimerInfo ReadTimer(string bindingName = TimerBinding) => TimerInfo.Read(RequiredBinding(bindingName));

    /// <summary>The host's <c>sys</c> metadata; null when absent.</summary>
    public InvocationSystemMetadata? ReadSys() =>
        _metadata.TryGetProperty("sys", out var sys) && !sys.IsMissingOrNull ? InvocationSystemMetadata.Read(sys) : null;

    /// <summary>The host's retry context; null unless the function has a retry policy.</summary>
    public InvocationRetryContext? ReadRetryContext() =>
        _metadata.TryGetProperty("RetryContext", out var retry) && !retry.IsMissingOrNull ? InvocationRetryContext.Read(retry) : null;

    private PayloadValue RequiredBinding(string bindingName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bindingName);
        if (_data.TryGetProperty(bindingName, out var value) && !value.IsMissingOrNull)
        {
            return value;
        }

        var path = JsonPointer.Append(_data.Path, bindingName);
        throw new InvalidInvocationPayloadException(path, $"'{path}' is required: the binding '{bindingName}' has no value.");
    }

    private static readonly JsonElement EmptyObject = CreateEmptyObject();

    private static JsonElement CreateEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
