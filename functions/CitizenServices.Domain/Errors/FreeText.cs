namespace CitizenServices.Domain.Errors;

/// <summary>
/// What free text a person or a case system may send: no control characters (line breaks and tabs only where the text
/// may span lines), no unpaired surrogates and no bidirectional overrides, which could make a caseworker read a reason other than the one stored.
/// </summary>
public static class FreeText
{
    public static bool IsClean(string text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || !Allowed(c, multiline))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Allowed(char c, bool multiline) =>
        (multiline && c is '\n' or '\r' or '\t')
        || !(char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
}
