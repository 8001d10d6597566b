using System.Text.Encodings.Web;

namespace CitizenServices.Functions.Invocation;

/// <summary>
/// The answer to the host: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": ... }</c>.
/// Output values are serialized when added, so a bad value fails at the line that added it.
/// </summary>
/// <remarks>
/// Output names must match the binding names in function.json exactly: the host looks them up case-sensitively.
/// </remarks>
public sealed class InvocationResponse
{
    private static readonly JsonSerializerOptions DefaultOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The body goes to the Functions host, never into HTML, so only JSON's own escaping is needed; this keeps
    // Norwegian letters and quotes in logs and messages readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Wire names of the custom handler protocol; they must not follow renames of the C# members.
    private static readonly JsonEncodedText OutputsName = JsonEncodedText.Encode("Outputs");
    private static readonly JsonEncodedText LogsName = JsonEncodedText.Encode("Logs");
    private static readonly JsonEncodedText ReturnValueName = JsonEncodedText.Encode("ReturnValue");

    private readonly JsonSerializerOptions _options;
    private readonly List<KeyValuePair<string, JsonElement>> _outputs = [];
    private readonly List<string> _logs = [];

    /// <param name="options">How output values are serialized; defaults to web (camelCase) conventions.</param>
    public InvocationResponse(JsonSerializerOptions? options = null)
    {
        _options = options ?? DefaultOptions;
    }

    public IReadOnlyList<KeyValuePair<string, JsonElement>> Outputs => _outputs;

    public IReadOnlyList<string> Logs => _logs;

    public JsonElement? ReturnValue { get; private set; }

    /// <summary>
    /// Adds an output binding value. Objects become JSON objects; an enumerable becomes a JSON array, which
    /// Service Bus and queue outputs send as one message per element.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The value serializes to a bare JSON string or to null. Without <c>dataType: "binary"</c> on the binding
    /// the host runs <c>Convert.FromBase64String</c> on string outputs, so text that happens to be valid base64
    /// would be sent as garbage bytes. Wrap it in an object, or use <see cref="AddBinaryOutput"/>.
    /// </exception>
    public InvocationResponse AddOutput<T>(string name, T value)
    {
        var element = Serialize(value, nameof(value));
        AddOutputElement(name, element);
        return this;
    }

    /// <summary>
    /// Adds raw bytes for an output binding declared without <c>dataType: "binary"</c>: they are sent as
    /// base64, which the host decodes back into the same bytes. (A binding declared with
    /// <c>dataType: "binary"</c> would receive the base64 text itself.)
    /// </summary>
    public InvocationResponse AddBinaryOutput(string name, ReadOnlyMemory<byte> content)
    {
        AddOutputElement(name, JsonSerializer.SerializeToElement(Convert.ToBase64String(content.Span)));
        return this;
    }

    /// <summary>
    /// A line for the host's invocation log. The host logs these without a level; use the app's own logging
    /// for diagnostics that matter.
    /// </summary>
    public InvocationResponse AddLog(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _logs.Add(message);
        return this;
    }

    /// <summary>The value of a <c>$return</c> output binding. Same rules as <see cref="AddOutput{T}"/>.</summary>
    public InvocationResponse SetReturnValue<T>(T value)
    {
        // The host applies the same base64 attempt to $return as to named outputs.
        ReturnValue = Serialize(value, nameof(value));
        return this;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteStartObject();
        writer.WriteStartObject(OutputsName);
        foreach (var (name, value) in _outputs)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
        writer.WriteStartArray(LogsName);
        foreach (var log in _logs)
        {
            writer.WriteStringValue(log);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(ReturnValueName);
        if (ReturnValue is { } returnValue)
        {
            returnValue.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }

    public byte[] ToUtf8Json()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public string ToJson() => System.Text.Encoding.UTF8.GetString(ToUtf8Json());

    private JsonElement Serialize<T>(T value, string parameterName)
    {
        var element = JsonSerializer.SerializeToElement(value, value?.GetType() ?? typeof(T), _options);
        return element.ValueKind switch
        {
            JsonValueKind.String => throw new ArgumentException(
                "A bare string output would be base64-decoded by the host. Wrap it in an object, or send bytes with AddBinaryOutput.",
                parameterName),
            JsonValueKind.Null => throw new ArgumentException(
                "A null output is dropped by the host. Leave the output out instead.",
                parameterName),
            _ => element,
        };
    }

    private void AddOutputElement(string name, JsonElement element)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_outputs.Exists(output => string.Equals(output.Key, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The output '{name}' has already been set.");
        }

        _outputs.Add(new(name, element));
    }
}
