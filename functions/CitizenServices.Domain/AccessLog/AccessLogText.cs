namespace CitizenServices.Domain.AccessLog;

/// <summary>Shared checks for the text fields of an entry.</summary>
internal static class AccessLogText
{
    /// <summary>
    /// Lowercase kebab-case codes (basis kinds, channels): stable identifiers that clients and reports match on,
    /// so casing or spacing variants must not be able to create a second spelling of the same code.
    /// </summary>
    public static string Code(string? value, string parameterName, int maxLength = 64)
    {
        Required(value, parameterName, maxLength);
        if (!char.IsAsciiLetterLower(value![0]) || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException(
                // The value is not echoed: a wrong argument could be anything, an identity number included.
                "Not a valid code: use lowercase letters, digits and '-', starting with a letter.", parameterName);
        }

        return value;
    }

    /// <summary>
    /// Free text that is hashed and shown to the principal: non-empty, bounded, no control characters and well-formed
    /// UTF-16. A lone surrogate would be replaced when encoded as UTF-8, so two different strings could hash alike.
    /// </summary>
    public static string Required(string? value, string parameterName, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException("A value is required.", parameterName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"At most {maxLength} characters are allowed; the value has {value.Length}.", parameterName);
        }

        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException("The value is not well-formed text (it holds a lone surrogate).", parameterName);
            }

            if (Rune.IsControl(rune))
            {
                throw new ArgumentException("The value contains a control character.", parameterName);
            }

            remaining = remaining[consumed..];
        }

        return value;
    }
}
