namespace CitizenServices.Domain.Errors;

/// <summary>
/// What free text a person or a case system may send: no control characters (line breaks and tabs only where the text
/// may span lines) and no bidirectional overrides, which could make a caseworker read a reason other than the one stored.
/// </summary>
public static class FreeText
{
    public static bool IsClean(string text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!Allowed(c, multiline))
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
