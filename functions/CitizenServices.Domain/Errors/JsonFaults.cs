namespace CitizenServices.Domain.Errors;

/// <summary>
/// What to say about JSON the serializer refused: the field, never the serializer's own message, which names .NET types
/// and echoes positions in the body.
/// </summary>
public static class JsonFaults
{
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
            ? $"{path[2..]} is missing or not of the type the schema gives."
            : "it is not JSON, or not a JSON object.";
    }
}
