namespace CitizenServices.IntegrationTests.Events;

/// <summary>
/// The invoked event functions in the real handler over real HTTP, with host-shaped payloads. Events go to Service Bus
/// through the production publisher and the SDK's test seams (<see cref="RecordingServiceBusClient"/>).
/// </summary>
public sealed class EventFunctionsTests : IAsyncLifetime
{
    private readonly RecordingServiceBusClient _serviceBus = new();
    private readonly CitizenServicesFactory _factory;

    public EventFunctionsTests()
    {
        _factory = new CitizenServicesFactory
        {
            ConfigureServices = services => services.AddSingleton<IEventPublisher>(new ServiceBusEventPublisher(_serviceBus, "citizen-events")),
        }.With("Events:Outbox:DispatchGrace", "00:00:00");
    }

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Commit_WhenTheAppCommitsAnEvent_SendsItRightAfterTheCommitAndDeletesTheRow()
    {
        var granted = Granted("corr-dispatch");

        await _factory.Services.GetRequiredService<IEventOutbox>().CommitAsync(new EventPartition(StorageNames.Tables.Outbox, EventStores.KariMother.Value), [granted], default);

        var message = Assert.Single(_serviceBus.SentTo("citizen-events"), m => m.MessageId == granted.EventId.ToString());
        Assert.Equal("fullmakt.granted", message.Subject);
        Assert.Equal("corr-dispatch", message.CorrelationId);
        Assert.Null(await OutboxTable().GetAsync<TableEntity>(EventStores.KariMother.Value, OutboxRows.RowKey(granted.EventId)));
    }

    [Fact]
    public async Task OutboxSweep_WhenTheSendAfterTheCommitFailed_SendsTheEventAndDeletesTheRow()
    {
        var granted = Granted("corr-sweep");
        _serviceBus.FailNextSends = 1;
        await _factory.Services.GetRequiredService<IEventOutbox>().CommitAsync(new EventPartition(StorageNames.Tables.Outbox, EventStores.KariMother.Value), [granted], default);
        Assert.DoesNotContain(_serviceBus.SentTo("citizen-events"), m => m.MessageId == granted.EventId.ToString());

        var swept = await _factory.InvokeOkAsync("OutboxSweep", Payloads.Timer("OutboxSweep", DateTimeOffset.UtcNow));

        Assert.Empty(swept["Outputs"]!.AsObject());
        Assert.Single(_serviceBus.SentTo("citizen-events"), m => m.MessageId == granted.EventId.ToString());
        Assert.Null(await OutboxTable().GetAsync<TableEntity>(EventStores.KariMother.Value, OutboxRows.RowKey(granted.EventId)));
    }

    private BoundedTable OutboxTable() => _factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.Outbox);

    private static DomainEvent Granted(string correlationId) => DomainEvent.Create(
        EventTypes.FullmaktGranted, EventStores.KariMother,
        new FullmaktGranted(Guid.NewGuid(), EventStores.KariMother, EventStores.OlaFather, ["appointments"], new DateOnly(2026, 3, 2), null),
        TimeProvider.System, correlationId);

    [Fact]
    public async Task Notifier_WhenAValidEvent_OutputsNotificationRequests()
    {
        var envelope = Payloads.GrantedEnvelope();

        var response = await _factory.InvokeOkAsync("Notifier", Payloads.ServiceBus(envelope, "m-" + Guid.NewGuid()));

        var requests = response["Outputs"]!["notifications"]!.AsArray();
        Assert.Equal(6, requests.Count);
        Assert.All(requests, r => Assert.Contains(r!["channel"]!.GetValue<string>(), new[] { "inbox", "sms", "email" }));
    }

    [Fact]
    public async Task Notifier_WhenTheBodyIsUndecodable_ParksItWithItsReasonAndAcknowledges()
    {
        var messageId = "poison-" + Guid.NewGuid();

        var response = await _factory.InvokeOkAsync("Notifier", Payloads.ServiceBus("{ this is not json", messageId));

        Assert.Empty(response["Outputs"]!.AsObject());
        var parkingLot = _factory.Services.GetRequiredService<IParkingLot>();
        var parked = new List<ParkedMessage>();
        await foreach (var message in parkingLot.ListAsync(NotifyHandler.Consumer, DateOnly.FromDateTime(DateTime.UtcNow), default))
        {
            parked.Add(message);
        }

        var mine = Assert.Single(parked, p => p.MessageId == messageId);
        Assert.Contains("not a valid event envelope", mine.Reason, StringComparison.Ordinal);
        Assert.Equal("{ this is not json", Encoding.UTF8.GetString(mine.Body.Span));
    }
}

/// <summary>Storage is down: the functions must fail the invocation (non-2xx) so the host retries, not park.</summary>
public sealed class EventFunctionsWhenStorageIsDownTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync()
    {
        var closed = Azurite.FreePort();
        await _factory
            .With("Storage:ConnectionString", Azurite.BuildConnectionString(closed, closed, closed))
            .With("Storage:CreateResourcesAtStartup", "false")
            .StartAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Notifier_WhenStorageIsUnreachable_FailsTheInvocationSoTheHostRedelivers()
    {
        var (status, _) = await _factory.InvokeAsync("Notifier", Payloads.ServiceBus(Payloads.GrantedEnvelope(), "m-1"));

        Assert.True((int)status >= 500, $"expected a 5xx, got {(int)status}");
    }

    [Fact]
    public async Task OutboxSweep_WhenStorageIsUnreachable_FailsTheInvocation()
    {
        var (status, _) = await _factory.InvokeAsync("OutboxSweep", Payloads.Timer("OutboxSweep", DateTimeOffset.UtcNow));

        Assert.True((int)status >= 500, $"expected a 5xx, got {(int)status}");
    }
}
