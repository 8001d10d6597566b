namespace CitizenServices.Functions.Invocation;

/// <summary>
/// One value of the invocation payload together with its JSON pointer, so that every conversion failure
/// names the field. All host encoding quirks are absorbed here:
/// <list type="bullet">
/// <item>The host serializes any binding value that is not an object with <c>JsonConvert.SerializeObject</c>,
/// so scalars arrive JSON-quoted (<c>"1"</c>, <c>"\"abc\""</c>), and arrays or whole objects can arrive as
/// strings holding JSON text. Raw values are accepted as well.</item>
/// <item>The host turns <c>DateTime</c> values into strings without an offset; they are UTC.</item>
/// <item>Keys are looked up exactly first, then case-insensitively, because binding data keys are
/// case-insensitive on the host side and promoted body properties may differ in case.</item>
/// </list>
/// </summary>
internal readonly record struct PayloadValue(JsonElement Element, string Path)
{
    private const int MaxEmbeddedJsonDepth = 3;

    public bool IsMissingOrNull => Element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    // Messages describe the kind of value, never the value: payloads carry personal data.
    public InvalidInvocationPayloadException Invalid(string reason, Exception? inner = null) =>
        new(Path, $"'{(Path.Length == 0 ? "(body)" : Path)}' {reason}", inner);

    /// <summary>The value as an object, decoding an object that was sent as a JSON-encoded string.</summary>
    public PayloadValue AsObject()
    {
        var decoded = DecodeEmbeddedJson(Element);
        if (decoded.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"must be a JSON object but is {Describe(decoded)}.");
        }

        return this with { Element = decoded };
    }

    /// <summary>Finds a property of an object value: exact name first, then ignoring case.</summary>
    public bool TryGetProperty(string name, out PayloadValue value)
    {
        if (Element.ValueKind == JsonValueKind.Object)
        {
            if (Element.TryGetProperty(name, out var exact))
            {
                value = new PayloadValue(exact, JsonPointer.Append(Path, name));
                return true;
            }

            foreach (var property in Element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = new PayloadValue(property.Value, JsonPointer.Append(Path, property.Name));
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>The first of <paramref name="names"/> that is present and not null.</summary>
    public bool TryGetFirstProperty(out PayloadValue value, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (TryGetProperty(name, out value) && !value.IsMissingOrNull)
            {
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Scalar text. Quoted strings are unquoted; numbers and booleans give their JSON text.</summary>
    public string? GetText()
    {
        return Element.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String => Unquote(Element.GetString()!),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Element.GetRawText(),
            _ => throw Invalid($"must be a string but is {Describe(Element)}."),
        };
    }

    public long? GetInt64()
    {
        if (IsMissingOrNull)
        {
            return null;
        }

        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var number))
        {
            return number;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Unquote(Element.GetString()!), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Invalid($"must be an integer but is {Describe(Element)}.");
    }

    public int? GetInt32()
    {
        var value = GetInt64();
        if (value is null)
        {
            return null;
        }

        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value.Value
            : throw Invalid("is outside the range of a 32-bit integer.");
    }

    public bool? GetBoolean()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(Unquote(Element.GetString()!), out var parsed):
                return parsed;
            default:
                throw Invalid($"must be a boolean but is {Describe(Element)}.");
        }
    }

    public DateTimeOffset? GetTimestamp()
    {
        if (IsMissingOrNull)
        {
            return null;
        }

        // The host formats DateTime binding data without an offset; those values are UTC.
        if (Element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(
                Unquote(Element.GetString()!),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        throw Invalid($"must be a timestamp but is {Describe(Element)}.");
    }

    public Guid? GetGuid()
    {
        var text = GetText();
        if (text is null)
        {
            return null;
        }

        return Guid.TryParse(text, out var parsed) ? parsed : throw Invalid("must be a GUID.");
    }

    /// <summary>Decodes values the host sent as strings holding JSON text (objects, arrays, quoted strings).</summary>
    public static JsonElement DecodeEmbeddedJson(JsonElement element)
    {
        for (var depth = 0; depth < MaxEmbeddedJsonDepth && element.ValueKind == JsonValueKind.String; depth++)
        {
            var text = element.GetString()!;
            var start = text.AsSpan().TrimStart();
            if (start.IsEmpty || (start[0] != '{' && start[0] != '[' && start[0] != '"'))
            {
                break;
            }

            if (!TryParse(text, out var parsed))
            {
                break;
            }

            element = parsed;
        }

        return element;
    }

    /// <summary>Removes one level of JSON string encoding (<c>"\"abc\""</c> → <c>abc</c>) when present.</summary>
    public static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"'
            && TryParse(text, out var parsed) && parsed.ValueKind == JsonValueKind.String)
        {
            return parsed.GetString()!;
        }

        return text;
    }

    public static bool TryParse(string json, out JsonElement element)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }

    /// <summary>Application property values as plain CLR values; nested structures stay JSON.</summary>
    public static object? ToClrValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.Clone(),
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
