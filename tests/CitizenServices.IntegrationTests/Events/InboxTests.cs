namespace CitizenServices.IntegrationTests.Events;

public sealed class InboxTests
{
    [Fact]
    public async Task ClaimAsync_WhenFirstThenSameMessageThenAnotherMessage_IsFirstRedeliveryDuplicate()
    {
        var stores = await EventStores.CreateAsync();
        var eventId = Guid.CreateVersion7();

        Assert.Equal(InboxClaim.First, await stores.EventInbox.ClaimAsync("notifier", eventId, "m-1", default));
        Assert.Equal(InboxClaim.Redelivery, await stores.EventInbox.ClaimAsync("notifier", eventId, "m-1", default));
        Assert.Equal(InboxClaim.Duplicate, await stores.EventInbox.ClaimAsync("notifier", eventId, "m-2", default));
        Assert.Equal(InboxClaim.Duplicate, await stores.EventInbox.ClaimAsync("notifier", eventId, null, default));
    }

    [Fact]
    public async Task ClaimAsync_WhenAnotherConsumerHandledTheEvent_IsFirstForThisConsumer()
    {
        var stores = await EventStores.CreateAsync();
        var eventId = Guid.CreateVersion7();
        await stores.EventInbox.ClaimAsync("notifier", eventId, "m-1", default);

        Assert.Equal(InboxClaim.First, await stores.EventInbox.ClaimAsync("fastlege-informer", eventId, "m-1", default));
    }

    [Fact]
    public async Task ParkAsync_WhenPoisonIsParked_ListsItWithReasonAndRawBody()
    {
        var stores = await EventStores.CreateAsync();
        var day = DateOnly.FromDateTime(stores.Clock.GetUtcNow().UtcDateTime);
        var body = Encoding.UTF8.GetBytes("{not json");

        await stores.ParkingLot.ParkAsync(new ParkedMessage("notifier", "The body is not JSON.", body, "m-9", 1, stores.Clock.GetUtcNow()), default);
        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        await stores.ParkingLot.ParkAsync(new ParkedMessage("notifier", "second", "{}"u8.ToArray(), "m-10", 2, stores.Clock.GetUtcNow()), default);

        var parked = new List<ParkedMessage>();
        await foreach (var message in stores.ParkingLot.ListAsync("notifier", day, default))
        {
            parked.Add(message);
        }

        Assert.Equal(["m-10", "m-9"], parked.Select(p => p.MessageId ?? "").ToArray());
        Assert.Equal("The body is not JSON.", parked[1].Reason);
        Assert.Equal(body, parked[1].Body.ToArray());
        Assert.Equal(1, parked[1].DeliveryCount);
    }

    [Fact]
    public async Task ParkAsync_WhenTheBodyExceedsOneProperty_StoresItTruncated()
    {
        var stores = await EventStores.CreateAsync();
        var body = new byte[TableParkingLot.MaxStoredBodyBytes + 100];

        await stores.ParkingLot.ParkAsync(new ParkedMessage("notifier", "too big", body, "m-1", 1, stores.Clock.GetUtcNow()), default);

        var parked = new List<ParkedMessage>();
        await foreach (var message in stores.ParkingLot.ListAsync("notifier", DateOnly.FromDateTime(stores.Clock.GetUtcNow().UtcDateTime), default))
        {
            parked.Add(message);
        }

        Assert.Equal(TableParkingLot.MaxStoredBodyBytes, Assert.Single(parked).Body.Length);
    }
}
