using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Testing;

namespace CitizenServices.LocalHost.Tests;

public sealed class OutputRoutingTests
{
    [Fact]
    public async Task Outputs_WhenFunctionReturnsArrayToTopic_EachElementReachesEverySubscription()
    {
        await using var app = await TestAppHost.StartAsync();
        var topic = app.Setting("RelayTopic");

        // Relay's trigger has no dataType, so the host hands it the body double-encoded; it answers with a two-element array.
        await app.ServiceBus.SendToQueueAsync(app.Setting("RelayInQueue"), new LocalServiceBusMessage(BinaryData.FromString("""{"orderId":"o-7"}""")));

        var collected = await app.WaitForRecordsAsync("/Collect", 2);
        var parts = collected
            .Select(r => JsonNode.Parse(Convert.FromBase64String(r.Data["message"]!.GetValue<string>()))!)
            .OrderBy(m => m["part"]!.GetValue<int>())
            .ToList();
        Assert.Equal([1, 2], parts.Select(p => p["part"]!.GetValue<int>()));
        Assert.All(parts, p => Assert.Equal("o-7", p["source"]!["orderId"]!.GetValue<string>()));

        var relayed = Assert.Single(app.Records("/Relay"));
        Assert.Equal("\"{\\\"orderId\\\":\\\"o-7\\\"}\"", relayed.Data["message"]!.GetValue<string>());

        // Two copies settle, and nothing more arrives.
        await Task.Delay(500);
        Assert.Equal(2, app.Records("/Collect").Count);
        Assert.Empty(await app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForSubscription(topic, "collect")));
    }

    [Fact]
    public async Task Outputs_WhenTopicHasExtraSubscription_FanOutReachesItToo()
    {
        var azuriteTopic = CitizenServices.Testing.Azurite.UniqueName("relaytopic");
        await using var app = await TestAppHost.StartAsync(
            settings: new Dictionary<string, string> { ["RelayTopic"] = azuriteTopic },
            extraSubscriptions: [new TopicSubscription(azuriteTopic, "audit")]);

        await app.ServiceBus.SendToQueueAsync(app.Setting("RelayInQueue"), new LocalServiceBusMessage(BinaryData.FromString("""{"orderId":"o-8"}""")));

        var audit = await Eventually.WaitAsync(
            () => app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForSubscription(azuriteTopic, "audit")), m => m.Count == 2);
        Assert.All(audit, m => Assert.Equal("o-8", JsonNode.Parse(m.BodyAsString())!["source"]!["orderId"]!.GetValue<string>()));
        Assert.Equal(2, (await app.WaitForRecordsAsync("/Collect", 2)).Count);
    }

    [Theory]
    [InlineData("\"aGk=\"", false, "hi")]
    [InlineData("\"aGk=\"", true, "aGk=")]
    [InlineData("\"not base64!\"", false, "not base64!")]
    [InlineData("{\"a\":1}", false, "{\"a\":1}")]
    [InlineData("[\"aGk=\",{\"b\":2}]", false, "aGk=|{\"b\":2}")]
    public void Bodies_WhenHandlerReturnsValue_ConvertsLikeTheHost(string outputJson, bool binary, string expected)
    {
        // A top-level string falls into the host's base64 trap unless the binding is binary; array elements do not.
        var bodies = OutputRouter.Bodies(JsonNode.Parse(outputJson)!, binary).Select(b => Encoding.UTF8.GetString(b));

        Assert.Equal(expected, string.Join('|', bodies));
    }
}
