namespace CitizenServices.IntegrationTests.Support;

/// <summary>Invocation payloads as the Functions host sends them to an invoked function (docs: custom-handler-protocol.md).</summary>
internal static class Payloads
{
    /// <summary>
    /// A timer invocation (<c>Data.timer = { Schedule, ScheduleStatus, IsPastDue }</c>) at <paramref name="now"/>: the
    /// handler's timer functions take their time from the clock, the host's <c>UtcNow</c> is only metadata.
    /// </summary>
    public static string Timer(string function, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        Data = new
        {
            timer = new
            {
                Schedule = new { AdjustForDST = true },
                ScheduleStatus = new { Last = now.AddHours(-1), Next = now.AddHours(1), LastUpdated = now },
                IsPastDue = false,
            },
        },
        Metadata = new { sys = new { MethodName = function, UtcNow = now, RandGuid = Guid.NewGuid() } },
    });

    /// <summary>As the host sends a binary Service Bus trigger: base64 body, JSON-quoted scalar metadata.</summary>
    public static string ServiceBus(string body, string messageId) => ServiceBus(Encoding.UTF8.GetBytes(body), messageId);

    /// <inheritdoc cref="ServiceBus(string, string)"/>
    public static string ServiceBus(byte[] body, string messageId) => new JsonObject
    {
        ["Data"] = new JsonObject { ["message"] = Convert.ToBase64String(body) },
        ["Metadata"] = new JsonObject
        {
            ["MessageId"] = JsonSerializer.Serialize(messageId),
            ["DeliveryCount"] = "1",
            ["MessageActions"] = new JsonObject(),
        },
    }.ToJsonString();

    /// <summary>A valid <c>fullmakt.granted</c> envelope (Kari to Ola), as the relay publishes it.</summary>
    public static string GrantedEnvelope()
    {
        var granted = DomainEvent.Create(
            EventTypes.FullmaktGranted, EventStores.KariMother,
            new FullmaktGranted(Guid.NewGuid(), EventStores.KariMother, EventStores.OlaFather, ["appointments"], new DateOnly(2026, 3, 2), null),
            TimeProvider.System, null);
        return Encoding.UTF8.GetString(granted.ToEnvelope(null).ToUtf8Json());
    }
}
