namespace CitizenServices.UnitTests.Identity;

public sealed class NationalIdentityNumberJsonTests
{
    private sealed record Payload(NationalIdentityNumber Id);

    [Fact]
    public void Serialize_WhenValid_WritesTheDigitsAsAString()
    {
        var json = JsonSerializer.Serialize(new Payload(NationalIdentityNumber.Parse("01018012371")));

        Assert.Equal("{\"Id\":\"01018012371\"}", json);
    }

    [Fact]
    public void Deserialize_WhenValid_ReadsTheNumber()
    {
        var payload = JsonSerializer.Deserialize<Payload>("{\"Id\":\"41018012365\"}");

        Assert.NotNull(payload);
        Assert.Equal(NationalIdentityNumberKind.DNumber, payload.Id.Kind);
    }

    [Theory]
    [InlineData("{\"Id\":\"01018012372\"}", "second control digit")]
    [InlineData("{\"Id\":1018012371}", "must be a JSON string")]
    public void Deserialize_WhenInvalid_FailsWithThePreciseReason(string json, string expected)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payload>(json));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
