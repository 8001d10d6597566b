using CitizenServices.Application.Nettlege.Consultations;
namespace CitizenServices.IntegrationTests.Events;

/// <summary>
/// Rule: a topic message a consumer cannot read or act on is parked with its reason and acknowledged (2xx) on its first
/// delivery; Service Bus never sees a failed invocation for it, so it is never retried ten times and dead-lettered. Tried for
/// every consumer of <c>citizen-events</c> (Notifier, FastlegeInformer) with every kind of bad body.
/// </summary>
public sealed class EventConsumerPoisonTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public static TheoryData<string, string> UnreadableEnvelopes()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in new[] { "Notifier", "FastlegeInformer" })
        {
            foreach (var (name, _) in UnreadableEnvelopesSource())
            {
                data.Add(function, name);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal);

    /// <summary>A valid <c>fullmakt.granted</c> envelope with one property replaced by raw JSON text (which may be JSON no writer produces).</summary>
    private static string Envelope(string property, string rawValue)
    {
        var envelope = JsonNode.Parse(Payloads.GrantedEnvelope())!.AsObject();
        envelope[property] = "__raw_value__";
        return envelope.ToJsonString().Replace("\"__raw_value__\"", rawValue, StringComparison.Ordinal);
    }

    private static string Body(string name)
    {
        lock (Bodies)
        {
            if (Bodies.Count == 0)
            {
                foreach (var item in UnreadableEnvelopesSource())
                {
                    Bodies[item.Name] = item.Body;
                }
            }

            return Bodies[name];
        }
    }

    // Bodies by name, so the theory's display names stay readable.
    private static IEnumerable<(string Name, string Body)> UnreadableEnvelopesSource()
    {
        yield return ("empty body", string.Empty);
        yield return ("whitespace", " ");
        yield return ("JSON null", "null");
        yield return ("an array", "[]");
        yield return ("a number", "42");
        yield return ("a string", "\"an event\"");
        yield return ("truncated JSON", "{\"eventId\":");
        yield return ("XML", "<event/>");
        yield return ("nested deeper than any reader allows", new string('[', 5_000) + new string(']', 5_000));
        yield return ("eventId null", Envelope("eventId", "null"));
        yield return ("eventId a number", Envelope("eventId", "5"));
        yield return ("eventId an object", Envelope("eventId", "{}"));
        yield return ("type null", Envelope("type", "null"));
        yield return ("type a boolean", Envelope("type", "true"));
        yield return ("type with an unpaired surrogate", Envelope("type", "\"fullmakt.\\ud800\""));
        yield return ("subject a number", Envelope("subject", Seed.KariMother));
        yield return ("subject not a national identity number", Envelope("subject", "\"12345\""));
        yield return ("schemaVersion beyond any integer", Envelope("schemaVersion", "1e400"));
        yield return ("occurredAt not a time", Envelope("occurredAt", "\"yesterday\""));
        yield return ("occurredAt before the calendar", Envelope("occurredAt", "\"0000-12-31T23:00:00-01:00\""));
        yield return ("data null", Envelope("data", "null"));
        yield return ("data an array", Envelope("data", "[]"));
        yield return ("outbox a string", Envelope("outbox", "\"outbox\""));
        yield return ("outbox table a number", Envelope("outbox", "{\"table\":5,\"partitionKey\":\"p\"}"));
    }

    [Theory]
    [MemberData(nameof(UnreadableEnvelopes))]
    public async Task Consumer_WhenTheEnvelopeCannotBeRead_ParksItWithItsReasonOnTheFirstDelivery(string function, string bodyName)
    {
        var messageId = "m-poison-" + Guid.NewGuid();

        var response = await _factory.InvokeOkAsync(function, Payloads.ServiceBus(Encoding.UTF8.GetBytes(Body(bodyName)), messageId));

        Assert.Empty(response["Outputs"]!.AsObject());
        var parked = await AssertParkedAsync(Consumer(function), messageId);
        Assert.Equal(1, parked.DeliveryCount);
    }

    [Theory]
    [InlineData("Notifier")]
    [InlineData("FastlegeInformer")]
    public async Task Consumer_WhenTheBodyIsNotUtf8_ParksIt(string function)
    {
        var body = Encoding.UTF8.GetBytes(Payloads.GrantedEnvelope().Replace("fullmakt.granted", "fullmakt.#", StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)'#')] = 0xC3;
        var messageId = "m-latin1-" + Guid.NewGuid();

        await _factory.InvokeOkAsync(function, Payloads.ServiceBus(body, messageId));

        await AssertParkedAsync(Consumer(function), messageId);
    }

    private static string Consumer(string function) => function switch
    {
        "Notifier" => NotifyHandler.Consumer,
        _ => InformRegularGpHandler.Consumer,
    };

    private async Task<ParkedMessage> AssertParkedAsync(string consumer, string messageId)
    {
        var parkingLot = _factory.Services.GetRequiredService<IParkingLot>();
        var parked = await parkingLot.ListAsync(consumer, DateOnly.FromDateTime(DateTime.UtcNow), default)
            .Where(p => p.MessageId == messageId).ToListAsync();
        var mine = Assert.Single(parked);
        Assert.False(string.IsNullOrWhiteSpace(mine.Reason));
        return mine;
    }
}
