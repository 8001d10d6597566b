namespace CitizenServices.Domain.Identity;

/// <summary>
/// Reads and writes the number as its eleven-digit string. Without it the serializer would emit the public
/// properties as an object; reading validates, so an invalid number never gets past deserialization.
/// </summary>
public sealed class NationalIdentityNumberJsonConverter : JsonConverter<NationalIdentityNumber>
{
    public override NationalIdentityNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A national identity number must be a JSON string, not {reader.TokenType}.");
        }

        return NationalIdentityNumber.TryParse(reader.GetString(), out var value, out var error)
            ? value
            : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, NationalIdentityNumber value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
