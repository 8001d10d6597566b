namespace CitizenServices.IntegrationTests.Events;

/// <summary>
/// The outbox, its dispatch and sweep, the inbox and the parking lot on fresh tables of the shared Azurite, with a fake
/// clock. Events go to Service Bus through the production publisher and the SDK's test seams
/// (<see cref="RecordingServiceBusClient"/>). Each test builds its own, so tests never see each other's partitions.
/// </summary>
internal sealed class EventStores
{
    public const string Topic = "citizen-events";

    private OutboxDispatcher? _dispatcher;

    private EventStores(TableServiceClient service, string stateTable, string pendingTable, string inboxTable, FakeTimeProvider clock, OutboxOptions options)
    {
        // The observer is resolved on the first commit, as in the app: the dispatcher itself works through this store.
        Store = new TableStore(service, () => _dispatcher);
        StateTableName = stateTable;
        Pending = Store.Table(pendingTable);
        Inbox = Store.Table(inboxTable);
        Clock = clock;
        Options = options;
        Outbox = new TableEventOutbox(Store, Pending, clock);
        Publisher = new ServiceBusEventPublisher(ServiceBus, Topic);
        Relay = new OutboxPartitionRelay(Store, Pending, Publisher, options, NullLogger<OutboxPartitionRelay>.Instance);
        _dispatcher = new OutboxDispatcher(Relay, Outbox, Publisher, options, NullLogger<OutboxDispatcher>.Instance);
        Sweep = new TableOutboxSweep(Store, Pending, Relay, clock, options, new OutboxMetrics(MeterFactory), NullLogger<TableOutboxSweep>.Instance);
        EventInbox = new TableEventInbox(Inbox, clock);
        ParkingLot = new TableParkingLot(Inbox);
    }

    /// <summary>This fixture's meter factory: a <c>MeterListener</c> tells its instruments by their meter's scope.</summary>
    public IMeterFactory MeterFactory { get; } =
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public RecordingServiceBusClient ServiceBus { get; } = new();

    public ServiceBusEventPublisher Publisher { get; }

    public OutboxPartitionRelay Relay { get; }

    public TableOutboxSweep Sweep { get; }

    /// <summary>The message ids sent to the topic so far, in order.</summary>
    public IReadOnlyList<string> SentIds => ServiceBus.SentTo(Topic).Select(m => m.MessageId).ToList();

    public TableStore Store { get; }

    /// <summary>A use case's table: holds its state rows and its outbox rows.</summary>
    public string StateTableName { get; }

    public BoundedTable StateTable => Store.Table(StateTableName);

    public BoundedTable Pending { get; }

    public BoundedTable Inbox { get; }

    public FakeTimeProvider Clock { get; }

    public OutboxOptions Options { get; }

    public TableEventOutbox Outbox { get; }

    public TableEventInbox EventInbox { get; }

    public TableParkingLot ParkingLot { get; }

    public static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    public static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);

    public static async Task<EventStores> CreateAsync(OutboxOptions? options = null)
    {
        var azurite = await Azurite.SharedAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var names = new[] { Azurite.UniqueName("state"), Azurite.UniqueName("pending"), Azurite.UniqueName("inbox") };
        foreach (var name in names)
        {
            await service.CreateTableIfNotExistsAsync(name);
        }

        return new EventStores(
            service, names[0], names[1], names[2],
            new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)),
            options ?? new OutboxOptions());
    }

    public EventPartition Partition(NationalIdentityNumber person) => new(StateTableName, person.Value);

    public DomainEvent Granted(NationalIdentityNumber giver, NationalIdentityNumber representative) =>
        DomainEvent.Create(
            EventTypes.FullmaktGranted,
            giver,
            new FullmaktGranted(Guid.NewGuid(), giver, representative, ["appointments"], new DateOnly(2026, 3, 2), null),
            Clock,
            "corr-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task<List<TableEntity>> OutboxRowsAsync(string partitionKey)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in StateTable.QueryPartitionAsync<TableEntity>(partitionKey, OutboxRows.RowKeyPrefix))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<List<TableEntity>> PendingEntriesAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Pending.QueryAsync<TableEntity>(null))
        {
            rows.Add(row);
        }

        return rows;
    }
}
