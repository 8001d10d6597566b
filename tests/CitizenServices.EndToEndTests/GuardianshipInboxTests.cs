using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CitizenServices.Application.Guardianship.Apply;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.LocalHost;
using CitizenServices.Testing;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The register's guardianship feed through the LocalHost with the real host.json, GuardianshipInbox/function.json and
/// handler process: queue guardianship-inbound → GuardianshipInbox → the ward's partition and outbox → dispatch →
/// topic citizen-events. Also: the contract's example and schema agree with the handler's own validation.
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed class GuardianshipInboxTests
{
    private const string Queue = "guardianship-inbound";

    // Gunnar Dahl and his son Erik in the seed (the seed's own financial-only guardianship is not read at run time).
    private const string Ward = "30864844142";
    private const string Guardian = "12897516193";

    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private static JsonObject Appointed(Guid guardianshipId) => new()
    {
        ["schemaVersion"] = 1,
        ["changeId"] = Guid.NewGuid().ToString(),
        ["kind"] = "appointed",
        ["guardianshipId"] = guardianshipId.ToString(),
        ["ward"] = Ward,
        ["guardian"] = Guardian,
        ["mandate"] = new JsonArray("health"),
        ["validFrom"] = "2026-01-15",
        ["validTo"] = null,
        ["decisionReference"] = "SFTL 2026/0099",
        ["registeredAt"] = DateTimeOffset.UtcNow.ToString("O"),
    };

    private static async Task ClearWardAsync(Storage storage)
    {
        foreach (var (name, prefix) in new[] { (StorageNames.Tables.Guardianship, (string?)null), (StorageNames.Tables.RepresentationsByRepresentative, "guardianship|") })
        {
            // The handler creates its tables at start; this may run first on a fresh Azurite.
            await new TableServiceClient((await Azurite.SharedAsync()).ConnectionString).CreateTableIfNotExistsAsync(name);
            var table = storage.Store.Table(name);
            foreach (var partition in new[] { Ward, Guardian })
            {
                foreach (var row in await table.QueryPartitionAsync<TableEntity>(partition, prefix).ToListAsync())
                {
                    await table.DeleteAsync(row.PartitionKey, row.RowKey);
                }
            }
        }
    }

    private static async Task<List<TableEntity>> WardRowsAsync(Storage storage, string prefix) =>
        await storage.Store.Table(StorageNames.Tables.Guardianship).QueryPartitionAsync<TableEntity>(Ward, prefix).ToListAsync();

    private static async Task<IReadOnlyList<string>> PublishedForAsync(Storage storage, Guid guardianshipId) =>
        (await storage.ReceivedAsync(ServiceBusQueueNames.ForSubscription(EventsHost.Topic, EventsHost.Observer)))
            .Where(b => b.Contains(guardianshipId.ToString(), StringComparison.Ordinal))
            .ToList();

    private static async Task<int> QueueLengthAsync(Storage storage) =>
        (await storage.Queues.GetQueueClient(ServiceBusQueueNames.ForQueue(Queue)).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    [Fact]
    public async Task GuardianshipInbox_WhenTheSameChangeIsDeliveredTwice_AppliesOnceAndPublishesOneEvent()
    {
        var storage = await Storage.CreateAsync();
        await ClearWardAsync(storage);
        await using var host = await EventsHost.StartAsync();
        var guardianshipId = Guid.NewGuid();
        var body = BinaryData.FromString(Appointed(guardianshipId).ToJsonString());

        // A redelivery (same MessageId) and a second copy (another MessageId), as a feed that retries its send produces.
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(body) { MessageId = "g-1" });
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(body) { MessageId = "g-1" });
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(body) { MessageId = "g-2" });

        await Eventually.WaitAsync(() => QueueLengthAsync(storage), n => n == 0, Delivery, "guardianship-inbound drained");
        await Eventually.WaitAsync(() => WardRowsAsync(storage, "outbox|"), rows => rows.Count == 0, Delivery, "outbox relayed and confirmed");
        var envelope = Assert.Single(await PublishedForAsync(storage, guardianshipId));
        await Schemas.AssertValidEnvelopeAsync(envelope, "guardianship.changed envelope");
        var published = JsonNode.Parse(envelope)!;
        Assert.Equal("guardianship.changed", published["type"]!.GetValue<string>());
        Assert.Equal(Ward, published["subject"]!.GetValue<string>());
        Assert.Equal("appointed", published["data"]!["change"]!.GetValue<string>());
        Assert.Single(await WardRowsAsync(storage, "inbox|guardianship-inbox|"));
        Assert.Single(await WardRowsAsync(storage, "g|"));
        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(Queue)));
    }

    [Fact]
    public async Task GuardianshipInbox_WhenAnInvalidMessageArrives_ParksItWithItsReasonAndTheNextValidOneApplies()
    {
        var storage = await Storage.CreateAsync();
        await ClearWardAsync(storage);
        await using var host = await EventsHost.StartAsync(sweepEnabled: false);
        var invalid = Appointed(Guid.NewGuid());
        invalid["kind"] = "suspended";
        var poisonId = "g-poison-" + Guid.NewGuid();
        var valid = Appointed(Guid.NewGuid());

        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(BinaryData.FromString(invalid.ToJsonString())) { MessageId = poisonId });
        await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(BinaryData.FromString(valid.ToJsonString())));

        await Eventually.WaitAsync(() => WardRowsAsync(storage, "g|"), rows => rows.Count == 1, Delivery, "the valid change applied");
        var parked = await Eventually.WaitAsync(
            () => storage.ParkedTodayAsync(ApplyGuardianshipChangeHandler.Consumer), p => p.Any(m => m.MessageId == poisonId), Delivery, "parked");
        var entry = parked.Single(m => m.MessageId == poisonId);
        Assert.Equal("kind must be one of appointed, mandate-changed, ended.", entry.Reason);
        Assert.Equal(invalid.ToJsonString(), Encoding.UTF8.GetString(entry.Body.Span));
        Assert.Equal(valid["guardianshipId"]!.GetValue<string>(), Guid.ParseExact(Assert.Single(await WardRowsAsync(storage, "g|")).GetString("Id"), "N").ToString());
        // The valid change's event was sent right after its commit (no sweep runs here) and its row deleted.
        await Eventually.WaitAsync(() => WardRowsAsync(storage, "outbox|"), rows => rows.Count == 0, Delivery, "the event sent after the commit");
        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(Queue)));
    }

    [Fact]
    public async Task GuardianshipInboundExample_WhenValidated_SatisfiesTheSchemaAndTheHandlersParser()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "inbound", "guardianship-inbound.json"));

        Schemas.AssertValid(await Schemas.LoadAsync("guardianship-inbound.schema.json"), json, "guardianship-inbound example");
        Assert.True(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error), error);
    }

    [Theory]
    [InlineData("kind", "\"suspended\"")]
    [InlineData("mandate", "[\"medical\"]")]
    [InlineData("mandate", "[]")]
    [InlineData("ward", "\"1790903217\"")]
    [InlineData("changeId", "\"not-a-uuid\"")]
    [InlineData("schemaVersion", "2")]
    [InlineData("validFrom", "null")]
    [InlineData("decisionReference", "\"\"")]
    public async Task GuardianshipInboundSchema_WhenAFieldIsInvalid_RejectsItAsTheHandlerDoes(string field, string value)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "inbound", "guardianship-inbound.json")))!;
        example[field] = JsonNode.Parse(value);
        var json = example.ToJsonString();

        Assert.NotEmpty((await Schemas.LoadAsync("guardianship-inbound.schema.json")).Validate(json));
        Assert.False(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Fact]
    public async Task GuardianshipInboundSchema_WhenAnEndingHasNoLastDay_RejectsItAsTheHandlerDoes()
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "inbound", "guardianship-inbound.json")))!;
        example["kind"] = "ended";
        var json = example.ToJsonString();

        Assert.NotEmpty((await Schemas.LoadAsync("guardianship-inbound.schema.json")).Validate(json));
        Assert.False(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(json), out _, out _));
    }
}
