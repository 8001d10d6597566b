using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Testing;

namespace CitizenServices.LocalHost.Tests;

public sealed class ServiceBusTriggerTests
{
    [Fact]
    public async Task ServiceBusTrigger_WhenMessageQueued_InvokesFunctionWithHostPayloadShape()
    {
        await using var app = await TestAppHost.StartAsync();
        const string body = """{"caseId":"c-1","count":3,"urgent":true,"nested":{"a":1}}""";

        await app.ServiceBus.SendToQueueAsync(app.Setting("EchoInQueue"), new LocalServiceBusMessage(BinaryData.FromString(body))
        {
            MessageId = "abc",
            CorrelationId = "corr-1",
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object?> { ["source"] = "test" },
        });

        var invocation = Assert.Single(await app.WaitForRecordsAsync("/Echo", 1));
        Assert.Equal("POST", invocation.Method);
        Assert.False(string.IsNullOrEmpty(invocation.Header("X-Azure-Functions-InvocationId")));
        Assert.StartsWith("Azure-Functions-Host/", invocation.Header("User-Agent"), StringComparison.Ordinal);

        // dataType binary: the body as base64.
        Assert.Equal(body, Encoding.UTF8.GetString(Convert.FromBase64String(invocation.Data["message"]!.GetValue<string>())));

        var metadata = invocation.Metadata;
        Assert.Equal("\"abc\"", metadata["MessageId"]!.GetValue<string>());
        Assert.Equal("1", metadata["DeliveryCount"]!.GetValue<string>());
        Assert.True(long.TryParse(metadata["SequenceNumber"]!.GetValue<string>(), out _));
        Assert.Equal("\"corr-1\"", metadata["CorrelationId"]!.GetValue<string>());
        Assert.Equal("\"application/json\"", metadata["ContentType"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(metadata["EnqueuedTimeUtc"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("test", metadata["ApplicationProperties"]!["source"]!.GetValue<string>());
        Assert.Equal("test", metadata["UserProperties"]!["source"]!.GetValue<string>());
        Assert.IsType<JsonObject>(metadata["MessageActions"]);
        Assert.IsType<JsonObject>(metadata["Client"]);

        var sys = metadata["sys"]!.AsObject();
        Assert.Equal("Echo", sys["MethodName"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(sys["UtcNow"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(Guid.TryParse(sys["RandGuid"]!.GetValue<string>(), out _));

        // Top-level scalars of a JSON body are promoted, encoded like every other value; objects are not.
        Assert.Equal("\"c-1\"", metadata["caseId"]!.GetValue<string>());
        Assert.Equal("3", metadata["count"]!.GetValue<string>());
        Assert.Equal("true", metadata["urgent"]!.GetValue<string>());
        Assert.False(metadata.ContainsKey("nested"));

        // The function's output reached its Service Bus queue as the JSON object it returned.
        var output = await Eventually.WaitAsync(
            () => app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(app.Setting("EchoOutQueue"))), m => m.Count == 1);
        var echoed = JsonNode.Parse(output[0].BodyAsString())!;
        Assert.Equal("c-1", echoed["echoed"]!["caseId"]!.GetValue<string>());
        Assert.Equal("\"abc\"", echoed["messageId"]!.GetValue<string>());

        // Completed: the source queue is empty.
        Assert.Empty(await app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(app.Setting("EchoInQueue"))));
    }

    [Fact]
    public async Task ServiceBusTrigger_WhenFunctionKeepsFailing_RetriesThenDeadLettersAfterMaxDeliveryCount()
    {
        await using var app = await TestAppHost.StartAsync(maxDeliveryCounts: new Dictionary<string, int> { ["FailsInQueue"] = 3 });
        var failsIn = app.Setting("FailsInQueue");

        await app.ServiceBus.SendToQueueAsync(failsIn, new LocalServiceBusMessage(BinaryData.FromString("""{"n":1}""")) { MessageId = "doomed" });

        var deadLetters = await Eventually.WaitAsync(
            () => app.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(failsIn)), d => d.Count == 1);
        var parked = deadLetters[0];
        Assert.Equal("doomed", parked.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", parked.DeadLetterReason);
        Assert.Contains("HTTP 500", parked.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(3, parked.DeliveryCount);
        Assert.Equal("""{"n":1}""", parked.BodyAsString());

        // Long enough for two more retries at 200 ms, had the message not been parked.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var deliveries = app.Records("/AlwaysFails").Select(r => r.Metadata["DeliveryCount"]!.GetValue<string>()).ToList();
        Assert.Equal(["1", "2", "3"], deliveries);
        Assert.Empty(await app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(failsIn)));
    }

    [Theory]
    [InlineData("AlwaysFails", "FailsInQueue", "FailsOutQueue")]
    [InlineData("Garbled", "GarbledInQueue", "GarbledOutQueue")]
    public async Task ServiceBusTrigger_WhenInvocationFails_SendsNoOutputs(string function, string inQueue, string outQueue)
    {
        // AlwaysFails answers 500 and Garbled answers 200 with a body that is not JSON; both replies mention Outputs.
        await using var app = await TestAppHost.StartAsync(maxDeliveryCounts: new Dictionary<string, int> { [inQueue] = 1 });

        await app.ServiceBus.SendToQueueAsync(app.Setting(inQueue), new LocalServiceBusMessage(BinaryData.FromString("{}")));

        await Eventually.WaitAsync(
            () => app.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(app.Setting(inQueue))), d => d.Count == 1);
        Assert.Single(app.Records($"/{function}"));
        Assert.Empty(await app.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(app.Setting(outQueue))));
    }
}
