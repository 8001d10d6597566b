using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Application.Events;
namespace CitizenServices.EndToEndTests;

/// <summary>
/// Commit → (dispatch after the commit, or the OutboxSweep timer) → topic citizen-events → Notifier → queue
/// notifications-outbound, through the LocalHost with the real host.json, function.json files and handler process. Each
/// test's host has a storage account of its own (<see cref="Storage"/>).
/// </summary>
[Collection(TimedEventHosts.Name)]
public sealed class EventPipelineTests
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Commit_WhenTheAppRuns_IsPublishedDeletedAndNotifiedWithSchemaValidMessages()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage);
        var granted = Storage.Granted("e2e-happy");

        Assert.Equal(OutboxCommitResult.Committed, await storage.CommitAsync(granted));

        var notifications = await Eventually.WaitAsync(() => storage.NotificationsForAsync(granted.EventId), n => n.Count >= 6, Delivery, "6 notifications");
        await Eventually.WaitAsync(() => storage.OutboxRowExistsAsync(granted), exists => !exists, Delivery, "outbox row deleted");
        var envelope = Assert.Single(await storage.PublishedEnvelopesAsync(granted.EventId));

        await Schemas.AssertValidEnvelopeAsync(envelope, "published envelope");
        var published = JsonNode.Parse(envelope)!;
        Assert.Equal("e2e-happy", published["correlationId"]!.GetValue<string>());
        Assert.Equal(Storage.KariMother.Value, published["subject"]!.GetValue<string>());
        var schema = await Schemas.NotificationRequestAsync();
        foreach (var notification in notifications)
        {
            Schemas.AssertValid(schema, notification.ToJsonString(), "notification request");
        }

        Assert.Equal(6, notifications.Select(n => n["notificationId"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(
            [Storage.KariMother.Value, Storage.OlaFather.Value],
            notifications.Select(n => n["recipient"]!.GetValue<string>()).Distinct().Order().Reverse().ToArray());
    }

    [Fact]
    public async Task Commit_WhenTheHandlerIsKilledBeforeTheSweep_IsDeliveredAfterRestart()
    {
        var storage = await Storage.CreateAsync();
        var granted = Storage.Granted("e2e-killed");
        await using (var first = await EventsHost.StartAsync(storage, sweepEnabled: false))
        {
            Assert.Equal(OutboxCommitResult.Committed, await storage.CommitAsync(granted));
            first.KillHandler();
        }

        Assert.True(await storage.OutboxRowExistsAsync(granted));
        Assert.Empty(await storage.NotificationsForAsync(granted.EventId));

        await using var second = await EventsHost.StartAsync(storage);

        await Eventually.WaitAsync(() => storage.NotificationsForAsync(granted.EventId), n => n.Count >= 6, Delivery, "notifications after restart");
        await Eventually.WaitAsync(() => storage.OutboxRowExistsAsync(granted), exists => !exists, Delivery, "outbox row deleted after restart");
    }

    [Fact]
    public async Task Notifier_WhenTheSameEventIsDeliveredTwice_NotifiesOnce()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage, sweepEnabled: false);
        var granted = Storage.Granted("e2e-twice");
        var body = granted.ToEnvelope(null).ToUtf8Json();

        // Two distinct messages with one event, as a re-send after the duplicate detection window produces.
        await host.Host.ServiceBus.SendToTopicAsync(EventsHost.Topic, new LocalServiceBusMessage(BinaryData.FromBytes(body)) { Subject = granted.Type });
        await host.Host.ServiceBus.SendToTopicAsync(EventsHost.Topic, new LocalServiceBusMessage(BinaryData.FromBytes(body)) { Subject = granted.Type });

        await Eventually.WaitAsync(() => storage.PublishedEnvelopesAsync(granted.EventId), e => e.Count == 2, Delivery, "both copies published");
        await Eventually.WaitAsync(
            () => QueueLengthAsync(storage, ServiceBusQueueNames.ForSubscription(EventsHost.Topic, "notifications")), n => n == 0, Delivery,
            "notifications subscription drained");
        var notifications = await storage.NotificationsForAsync(granted.EventId);
        Assert.Equal(6, notifications.Count);
        Assert.Equal(6, notifications.Select(n => n["notificationId"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task Notifier_WhenAPoisonMessageArrives_ParksItWithItsReasonAndProcessesTheNext()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage, sweepEnabled: false);
        var granted = Storage.Granted("e2e-after-poison");
        var poisonId = Guid.CreateVersion7();
        var poison = new JsonObject
        {
            ["eventId"] = poisonId.ToString(),
            ["type"] = "fullmakt.granted",
            ["subject"] = Storage.KariMother.Value,
            ["occurredAt"] = "2026-03-02T09:00:00Z",
            ["correlationId"] = null,
            ["schemaVersion"] = 1,
            ["data"] = new JsonObject(),
        }.ToJsonString();

        // A known type (so the subscription's filter lets it through) whose data is not valid for it.
        await host.Host.ServiceBus.SendToTopicAsync(
            EventsHost.Topic, new LocalServiceBusMessage(BinaryData.FromString(poison)) { MessageId = "poison-" + poisonId, Subject = "fullmakt.granted" });
        await host.Host.ServiceBus.SendToTopicAsync(
            EventsHost.Topic,
            new LocalServiceBusMessage(BinaryData.FromBytes(granted.ToEnvelope(null).ToUtf8Json())) { Subject = granted.Type });

        await Eventually.WaitAsync(() => storage.NotificationsForAsync(granted.EventId), n => n.Count >= 6, Delivery, "the next event's notifications");
        var parked = await Eventually.WaitAsync(
            () => storage.ParkedTodayAsync(NotifyHandler.Consumer), p => p.Any(m => m.MessageId == "poison-" + poisonId), Delivery, "parked poison");
        var entry = parked.Single(m => m.MessageId == "poison-" + poisonId);
        Assert.Contains("data", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(poison, Encoding.UTF8.GetString(entry.Body.Span));
        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForSubscription(EventsHost.Topic, "notifications")));
    }

    private static async Task<int> QueueLengthAsync(Storage storage, string storageQueueName)
    {
        var properties = await storage.Queues.GetQueueClient(storageQueueName).GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }
}

/// <summary>
/// The tests that wait for events to travel through a LocalHost and a handler process within seconds (sweeps every
/// second, deliveries within 30 s) run one at a time and alone: each host is two processes that take most of a two-core
/// machine while they start, and two at once make the waits, not the code, decide the outcome. Their storage does not
/// need this: each host has a storage account of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedEventHosts
{
    public const string Name = "Timed event hosts: one LocalHost and handler process at a time";
}
