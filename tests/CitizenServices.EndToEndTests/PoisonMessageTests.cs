using CitizenServices.Application.CareRelations.Inbox;
using CitizenServices.Application.Nettlege.Consultations;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// Rule, through the LocalHost with the real host.json, function.json files and handler process: every kind of bad
/// message on a queue or subscription a function reads is parked with its reason on its first delivery, a care-relation
/// command is answered with <c>care-relation-command.rejected</c> on the topic, and nothing reaches a dead-letter queue.
/// Before, a <c>version</c> of <c>true</c> or a <c>validFrom</c> of 0001-01-01 failed ten times and was dead-lettered.
/// </summary>
[Collection(TimedEventHosts.Name)]
public sealed class PoisonMessageTests
{
    private const string Queue = "care-relations-inbound";

    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A valid synthetic number per command (month + 80, as in the test registers), so the replies, each committed in its
    /// child's partition, do not race each other: a lost race is a transient fault and would be retried.
    /// </summary>
    private static IEnumerable<string> Children()
    {
        for (var day = new DateOnly(2011, 2, 1); ; day = day.AddDays(1))
        {
            var head = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{day.Day:00}{day.Month + 80:00}{day.Year % 100:00}5{Random.Shared.Next(10, 99)}");
            for (var controls = 0; controls < 100; controls++)
            {
                var candidate = head + controls.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                if (Domain.Identity.NationalIdentityNumber.IsValid(candidate))
                {
                    yield return candidate;
                    break;
                }
            }
        }
    }

    private static async Task<JsonObject> CommandAsync()
    {
        var command = JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(Schemas.ContractsRoot, "examples", "inbound", "care-relations-inbound.json")))!.AsObject();
        command["commandId"] = Guid.NewGuid().ToString();
        command["relationId"] = Guid.NewGuid().ToString();
        command["child"] = Seed.SofieFosterChild12To15;
        command["fosterParents"] = new JsonArray(Seed.HildeFosterMother);
        command["decisionReference"] = "BV-E2E-POISON";
        return command;
    }

    /// <summary>The command as JSON text with one property replaced by raw JSON (which may be text no JSON writer produces).</summary>
    private static async Task<(string CommandId, byte[] Body)> CommandWithAsync(string property, string rawValue, string child)
    {
        var command = await CommandAsync();
        command["child"] = child;
        command[property] = "__raw_value__";
        var text = command.ToJsonString().Replace("\"__raw_value__\"", rawValue, StringComparison.Ordinal);
        return (command["commandId"]!.GetValue<string>(), Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public async Task CareRelationsInbox_WhenEveryKindOfBadCommandArrives_ParksEachOnItsFirstDeliveryAnswersItAndDeadLettersNone()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage);

        // (message id, body, the field the reason names, the command id a reply must carry or null when none can be addressed)
        var cases = new List<(string MessageId, byte[] Body, string Field, string? CommandId)>();
        using var children = Children().GetEnumerator();
        string NextChild() => children.MoveNext() ? children.Current : throw new InvalidOperationException("No more numbers.");
        foreach (var (property, value) in new[]
        {
            ("version", "null"), ("version", "true"), ("version", "{}"), ("version", "\"2\""), ("version", "1e400"),
            ("schemaVersion", "\"1\""),
            ("validFrom", "\"0001-01-01\""), ("validFrom", "\"9999-12-31\""), ("validTo", "\"9999-12-31\""),
            ("decisionReference", "\"BV-\\ud800\""), ("decisionReference", "\"BV-\\u202E\""),
            ("delegatedScopes", "[null]"), ("fosterParents", "[null]"), ("parentsKeepDigitalAccess", "\"yes\""),
        })
        {
            var (commandId, body) = await CommandWithAsync(property, value, NextChild());
            var field = property is "delegatedScopes" or "fosterParents" ? property + "[0]" : property;
            cases.Add(("poison-" + Guid.NewGuid(), body, field, commandId));
        }

        var (_, noCommandId) = await CommandWithAsync("commandId", "null", NextChild());
        cases.Add(("poison-" + Guid.NewGuid(), noCommandId, "commandId", null));
        foreach (var body in new[] { string.Empty, "null", "[]", "{", "<command/>" })
        {
            cases.Add(("poison-" + Guid.NewGuid(), Encoding.UTF8.GetBytes(body), "body", null));
        }

        foreach (var (messageId, body, _, _) in cases)
        {
            await host.Host.ServiceBus.SendToQueueAsync(Queue, new LocalServiceBusMessage(BinaryData.FromBytes(body)) { MessageId = messageId });
        }

        var ids = cases.Select(c => c.MessageId).ToHashSet(StringComparer.Ordinal);
        var parked = (await Eventually.WaitAsync(
                () => storage.ParkedTodayAsync(ReceiveCareRelationCommandHandler.Consumer),
                p => p.Count(m => ids.Contains(m.MessageId!)) == cases.Count, Delivery, "every bad command parked"))
            .Where(m => ids.Contains(m.MessageId!))
            .ToDictionary(m => m.MessageId!, StringComparer.Ordinal);
        var answered = cases.Where(c => c.CommandId is not null).ToList();
        var replies = await Eventually.WaitAsync(
            () => RepliesAsync(storage, answered.Select(c => c.CommandId!)),
            r => r.Count == answered.Count, Delivery, "a rejection reply to every command with a command id and a child");

        foreach (var (messageId, _, field, commandId) in cases)
        {
            var entry = parked[messageId];
            Assert.Equal(1, entry.DeliveryCount);
            Assert.Contains($"({field})", entry.Reason, StringComparison.Ordinal);
            if (commandId is not null)
            {
                var reply = replies[commandId];
                await Schemas.AssertValidEnvelopeAsync(reply.ToJsonString(), "care-relation-command.rejected envelope");
                Assert.Equal(field, reply["data"]!["field"]!.GetValue<string>());
            }
        }

        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForQueue(Queue)));
        Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.ForQueue(Queue)));
    }

    [Fact]
    public async Task TopicConsumers_WhenUnreadableEventsArrive_ParkEachOnItsFirstDeliveryAndDeadLetterNone()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage);
        var envelope = JsonNode.Parse(Encoding.UTF8.GetString(Storage.Granted("c-poison").ToEnvelope(
            new OutboxReference("outbox", Storage.KariMother.Value)).ToUtf8Json()))!.AsObject();
        envelope["eventId"] = "__raw_value__";
        var bodies = new[]
        {
            string.Empty, "null", "{", "[1]",
            envelope.ToJsonString().Replace("\"__raw_value__\"", "{}", StringComparison.Ordinal),
            envelope.ToJsonString().Replace("\"__raw_value__\"", "\"\\ud800\"", StringComparison.Ordinal),
        };
        var ids = new List<string>();
        foreach (var body in bodies)
        {
            var messageId = "poison-topic-" + Guid.NewGuid();
            ids.Add(messageId);
            await host.Host.ServiceBus.SendToTopicAsync(EventsHost.Topic, new LocalServiceBusMessage(BinaryData.FromString(body))
            {
                MessageId = messageId,

                // The one type both subscriptions' subject filters let through, so each consumer meets every bad body.
                Subject = "nettlege-consultation.completed",
            });
        }

        foreach (var (consumer, subscription) in new[]
        {
            (NotifyHandler.Consumer, "notifications"),
            (InformRegularGpHandler.Consumer, "fastlege"),
        })
        {
            var parked = await Eventually.WaitAsync(
                () => storage.ParkedTodayAsync(consumer), p => ids.All(id => p.Any(m => m.MessageId == id)), Delivery, $"{consumer} parked every bad event");
            Assert.All(parked.Where(m => ids.Contains(m.MessageId!)), m =>
            {
                Assert.Equal(1, m.DeliveryCount);
                Assert.False(string.IsNullOrWhiteSpace(m.Reason));
            });
            Assert.Empty(await host.Host.ServiceBus.PeekAsync(ServiceBusQueueNames.DeadLetterForSubscription(EventsHost.Topic, subscription)));
        }
    }

    private static async Task<Dictionary<string, JsonNode>> RepliesAsync(Storage storage, IEnumerable<string> commandIds)
    {
        var wanted = commandIds.ToHashSet(StringComparer.Ordinal);
        var replies = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var body in await storage.ReceivedAsync(ServiceBusQueueNames.ForSubscription(EventsHost.Topic, EventsHost.Observer)))
        {
            // The observing subscription also holds the unreadable events other tests send.
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                continue;
            }

            if (node is JsonObject && node["type"] is JsonValue type && type.TryGetValue<string>(out var typeName) && typeName == "care-relation-command.rejected"
                && node["data"]?["commandId"]?.GetValue<string>() is { } id && wanted.Contains(id))
            {
                replies[id] = node;
            }
        }

        return replies;
    }
}
