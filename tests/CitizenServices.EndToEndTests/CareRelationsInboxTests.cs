using CitizenServices.Application.CareRelations.Inbox;
using CitizenServices.Domain.CareRelations;
using CitizenServices.Infrastructure.CareRelations;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The case systems' channel through the LocalHost with the real host.json, CareRelationsInbox/function.json and handler
/// process: queue care-relations-inbound → CareRelationsInbox → the child's partition and outbox → dispatch → topic
/// citizen-events, for an applied command and for a rejected one (whose reply the case system receives on the topic).
/// Also: the contract's example and schema agree with the handler's own reader.
/// </summary>
[Collection(TimedEventHosts.Name)]
public sealed class CareRelationsInboxTests
{
    private const string Queue = "care-relations-inbound";

    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private static async Task<JsonObject> ExampleAsync() =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "inbound", "care-relations-inbound.json")))!.AsObject();

    private static async Task<JsonObject> RegisterAsync(Guid relationId)
    {
        var command = await ExampleAsync();
        command["commandId"] = Guid.NewGuid().ToString();
        command["relationId"] = relationId.ToString();
        command["child"] = Seed.SofieFosterChild12To15;
        command["fosterParents"] = new JsonArray(Seed.HildeFosterMother);
        command["decisionReference"] = "BV-E2E-" + relationId.ToString("N")[..8];
        return command;
    }

    private static async Task<List<TableEntity>> ChildRowsAsync(Storage storage, string prefix) =>
        await storage.Store.Table(StorageNames.Tables.CareRelation).QueryPartitionAsync<TableEntity>(Seed.SofieFosterChild12To15, prefix).ToListAsync();

    private static async Task<IReadOnlyList<string>> PublishedWithAsync(Storage storage, string text) =>
        (await storage.ReceivedAsync(ServiceBusQueueNames.ForSubscription(EventsHost.Topic, EventsHost.Observer)))
            .Where(b => b.Contains(text, StringComparison.Ordinal))
            .ToList();

    [Fact]
    public async Task CareRelationsInbox_WhenACommandArrivesTwiceAndAnInvalidOneFollows_AppliesOncePublishesOneEventAndRepliesToTheInvalid()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage);
        var relationId = Guid.NewGuid();
        var body = BinaryData.FromString((await RegisterAsync(relationId)).ToJsonString());
        var invalid = await RegisterAsync(Guid.NewGuid());
        invalid["fosterParents"] = new JsonArray(Seed.SofieFosterChild12To15);
        var poisonId = "c-poison-" + Guid.NewGuid();

        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(body) { MessageId = "c-1" });
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(body) { MessageId = "c-1" });
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(BinaryData.FromString(invalid.ToJsonString())) { MessageId = poisonId });

        var registered = Assert.Single(await Eventually.WaitAsync(
            () => PublishedWithAsync(storage, relationId.ToString()), b => b.Count > 0, Delivery, "foster-relation.registered published"));
        await Schemas.AssertValidEnvelopeAsync(registered, "foster-relation.registered envelope");
        Assert.Equal("foster-relation.registered", JsonNode.Parse(registered)!["type"]!.GetValue<string>());

        var reply = Assert.Single(await Eventually.WaitAsync(
            () => PublishedWithAsync(storage, invalid["commandId"]!.GetValue<string>()), b => b.Count > 0, Delivery, "rejection reply published"));
        await Schemas.AssertValidEnvelopeAsync(reply, "care-relation-command.rejected envelope");
        var replyData = JsonNode.Parse(reply)!["data"]!;
        Assert.Equal("foster-parent-is-child", replyData["code"]!.GetValue<string>());
        Assert.Equal("fosterParents[0]", replyData["field"]!.GetValue<string>());

        var parked = await Eventually.WaitAsync(
            () => storage.ParkedTodayAsync(ReceiveCareRelationCommandHandler.Consumer), p => p.Any(m => m.MessageId == poisonId), Delivery, "parked");
        Assert.StartsWith("foster-parent-is-child (fosterParents[0])", parked.Single(m => m.MessageId == poisonId).Reason, StringComparison.Ordinal);
        Assert.Single(await ChildRowsAsync(storage, "v|"));
        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(Queue)));
    }

    [Fact]
    public async Task CareRelationsInboundExample_WhenValidated_SatisfiesTheSchemaAndTheHandlersReader()
    {
        var json = (await ExampleAsync()).ToJsonString();

        Schemas.AssertValid(await Schemas.LoadAsync("care-relations-inbound.schema.json"), json, "care-relations-inbound example");
        using var document = JsonDocument.Parse(json);
        Assert.Null(CareRelationCommandReader.ReadMessage(document.RootElement, out _, out _));
    }

    [Theory]
    [InlineData("kind", "\"suspend\"")]
    [InlineData("legalBasis", "\"adoption\"")]
    [InlineData("delegatedScopes", "[\"consents\"]")]
    [InlineData("delegatedScopes", "[]")]
    [InlineData("child", "\"0390177010\"")]
    [InlineData("commandId", "\"not-a-uuid\"")]
    [InlineData("schemaVersion", "2")]
    [InlineData("validFrom", "null")]
    [InlineData("decisionReference", "\"\"")]
    [InlineData("municipality", "\"301\"")]
    public async Task CareRelationsInboundSchema_WhenAFieldIsInvalid_RejectsItAsTheHandlerDoes(string field, string value)
    {
        var example = await ExampleAsync();
        example[field] = JsonNode.Parse(value);
        var json = example.ToJsonString();

        Assert.NotEmpty((await Schemas.LoadAsync("care-relations-inbound.schema.json")).Validate(json));
        using var document = JsonDocument.Parse(json);
        Assert.NotNull(CareRelationCommandReader.ReadMessage(document.RootElement, out _, out _));
    }
}
