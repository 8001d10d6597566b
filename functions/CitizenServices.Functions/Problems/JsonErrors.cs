namespace CitizenServices.Functions.Problems;

/// <summary>
/// Turns what System.Text.Json says about a body it cannot read into a 400 that names the field in the client's terms
/// (<c>slots[0].start</c>) and says what was expected in words: the serializer's own messages name .NET types, which
/// mean nothing to a client and say more about the service than it should.
/// </summary>
public static partial class JsonErrors
{
    public static Error From(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var field = Field(exception.Path);

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = Names().Matches(missing.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
            var first = names.Count > 0 ? Join(field, CamelCase(names[0])) : field;
            return Error.BadRequest(first, names.Count > 1
                ? $"Required: {string.Join(", ", names.Select(CamelCase))}."
                : "Required.");
        }

        if (NullNotAllowed().Match(message) is { Success: true } nullNotAllowed)
        {
            // The path already points at the property when the reader got that far; else name it from the message.
            var name = CamelCase(nullNotAllowed.Groups["name"].Value);
            return Error.BadRequest(field.EndsWith(name, StringComparison.Ordinal) ? field : Join(field, name), "Must not be null.");
        }

        if (Duplicate().Match(message) is { Success: true } duplicate)
        {
            return Error.BadRequest(Join(field, duplicate.Groups["name"].Value), "Appears more than once in the object.");
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            return Error.BadRequest(Join(field, unmapped.Groups["name"].Value), "Not a field of this request.");
        }

        if (NotConvertible().Match(message) is { Success: true } conversion)
        {
            return Error.BadRequest(field, Expected(conversion.Groups["type"].Value));
        }

        // The reader's own complaints (a stray character, an unclosed object, trailing text): the JSON is broken.
        return Error.BadRequest(field, "The body is not valid JSON here.");
    }

    /// <summary>A JSON path (<c>$.slots[0].start</c>, <c>$['odd name']</c>) as the field name a client writes.</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return BracketName().Replace(field, m => (m.Index == 0 ? string.Empty : ".") + m.Groups[1].Value);
    }

    private static string Join(string parent, string name) => parent == "body" ? name : parent + "." + name;

    private static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Expected(string type)
    {
        var t = type.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']');
        return t switch
        {
            _ when t.Contains("Dictionary", StringComparison.Ordinal) => "Expected an object.",
            _ when t.Contains("List`1", StringComparison.Ordinal) || t.Contains("Enumerable`1", StringComparison.Ordinal)
                || t.Contains("Collection`1", StringComparison.Ordinal) || t.EndsWith("[]", StringComparison.Ordinal) => "Expected an array.",
            "System.Int16" or "System.Int32" or "System.Int64" or "System.Byte" or "System.UInt16" or "System.UInt32" or "System.UInt64" =>
                "Expected a whole number within range.",
            "System.Decimal" or "System.Double" or "System.Single" => "Expected a number.",
            "System.Boolean" => "Expected true or false.",
            "System.String" => "Expected a string.",
            "System.Guid" => "Expected a UUID, e.g. 3f2b8e4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b.",
            "System.DateOnly" => "Expected a date as yyyy-MM-dd.",
            "System.TimeOnly" => "Expected a time as HH:mm.",
            "System.DateTimeOffset" or "System.DateTime" => "Expected a date and time with its offset (RFC 3339), e.g. 2026-03-30T08:00:00+02:00.",
            "System.Text.Json.JsonElement" => "Expected a JSON value.",
            _ => "Expected an object.",
        };
    }

    [GeneratedRegex(@"missing required properties including: (?<names>.*?)\.?(?: Path:|$)", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Names();

    [GeneratedRegex(@"(?:constructor parameter|property or field) '(?<name>[^']+)' on type '[^']+' doesn't allow (?:setting )?null values", RegexOptions.CultureInvariant)]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"Duplicate property '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex Duplicate();

    [GeneratedRegex(@"The JSON property '(?<name>[^']+)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"could not be converted to (?<type>.+?)\. Path:", RegexOptions.CultureInvariant)]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"\['([^']*)'\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketName();
}
