namespace CitizenServices.LocalHost.Tests;

/// <summary>
/// Rule: whatever a message body holds, the stand-in delivers it; a body it cannot promote into Metadata must not keep the
/// message from its function (it would be retried ten times and dead-lettered before the function ever saw it).
/// </summary>
public sealed class PayloadsTests
{
    [Theory]
    [InlineData("""{"reference":"BV-\ud800","caseId":"c-1"}""")]
    [InlineData("""{"reference":"BV-\udc00x","caseId":"c-1"}""")]
    public void PromoteBodyProperties_WhenAStringHoldsHalfASurrogatePair_SkipsItAndPromotesTheRest(string body)
    {
        var metadata = new JsonObject();

        Payloads.PromoteBodyProperties(metadata, Encoding.UTF8.GetBytes(body));

        Assert.False(metadata.ContainsKey("reference"));
        Assert.Equal("\"c-1\"", metadata["caseId"]!.GetValue<string>());
    }

    [Fact]
    public void PromoteBodyProperties_WhenAStringIsNotUtf8_SkipsIt()
    {
        var body = Encoding.UTF8.GetBytes("""{"reference":"BV-#","caseId":"c-1"}""");
        body[Array.IndexOf(body, (byte)'#')] = 0xFF;
        var metadata = new JsonObject();

        Payloads.PromoteBodyProperties(metadata, body);

        Assert.False(metadata.ContainsKey("reference"));
        Assert.Equal("\"c-1\"", metadata["caseId"]!.GetValue<string>());
    }

    [Fact]
    public void PromoteBodyProperties_WhenTheBodyNamesASystemKey_TheSystemValueWins()
    {
        var metadata = new JsonObject { ["DeliveryCount"] = "1" };

        Payloads.PromoteBodyProperties(metadata, Encoding.UTF8.GetBytes("""{"DeliveryCount":"many"}"""));

        Assert.Equal("1", metadata["DeliveryCount"]!.GetValue<string>());
    }
}
