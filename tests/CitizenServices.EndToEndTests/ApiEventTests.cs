using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenServices.DevTokens;
namespace CitizenServices.EndToEndTests;

/// <summary>
/// The whole path from a citizen's API write to the notification service's queue, through the LocalHost's HTTP
/// front door, the real function routes, the outbox in the write's own transaction, the relay timer, the topic,
/// and the Notifier.
/// </summary>
[Collection(TimedEventHosts.Name)]
public sealed class ApiEventTests
{
    [Fact]
    public async Task FullmaktGrant_WhenPostedThroughTheHost_NotifiesBothPartiesWithSchemaValidMessages()
    {
        var storage = await Storage.CreateAsync();
        await using var host = await EventsHost.StartAsync(storage);
        using var client = new HttpClient { BaseAddress = host.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", TokenFactory.Development().Citizen(Seed.TheaAdultChild));

        using var response = await client.PostAsJsonAsync(
            new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative),
            new { representative = Seed.AndersFatherOfHenrik, serviceAreas = new[] { "appointments" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var fullmaktId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var envelope = JsonNode.Parse(Assert.Single(await Eventually.WaitAsync(
            async () => (await storage.ReceivedAsync(LocalHost.ServiceBusQueueNames.ForSubscription(EventsHost.Topic, EventsHost.Observer)))
                .Where(b => b.Contains(fullmaktId, StringComparison.Ordinal)).ToList(),
            found => found.Count > 0, TimeSpan.FromSeconds(30), "the fullmakt-granted envelope")))!;
        await Schemas.AssertValidEnvelopeAsync(envelope.ToJsonString(), "published envelope");
        var eventId = Guid.Parse(envelope["eventId"]!.GetValue<string>());
        var notifications = await Eventually.WaitAsync(
            () => storage.NotificationsForAsync(eventId),
            n => n.Select(x => x["recipient"]!.GetValue<string>()).Distinct().Count() == 2,
            TimeSpan.FromSeconds(30), "notifications to both parties");
        var schema = await Schemas.NotificationRequestAsync();
        foreach (var notification in notifications)
        {
            Schemas.AssertValid(schema, notification.ToJsonString(), "notification request");
        }

        Assert.Equal([Seed.AndersFatherOfHenrik, Seed.TheaAdultChild], notifications.Select(n => n["recipient"]!.GetValue<string>()).Distinct().Order().ToArray());
    }
}
