namespace CitizenServices.Functions.Invocation;

internal static class JsonPointer
{
    /// <summary>Appends one reference token, escaped as RFC 6901 requires.</summary>
    public static string Append(string parent, string token) =>
        parent + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
