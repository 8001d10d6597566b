using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CitizenServices.IntegrationTests.Events;

/// <summary>
/// The outbox, relay, inbox and parking lot on fresh tables of the shared Azurite, with a fake clock. Each test
/// builds its own, so tests never see each other's pending partitions.
/// </summary>
internal sealed class EventStores
{
    private EventStores(TableStore store, string stateTable, BoundedTable pending, BoundedTable inbox, FakeTimeProvider clock, OutboxOptions options)
    {
        Store = store;
        StateTableName = stateTable;
        Pending = pending;
        Inbox = inbox;
        Clock = clock;
        Options = options;
        Outbox = new TableEventOutbox(store, pending, clock);
        Relay = new TableOutboxRelay(store, pending, clock, options, NullLogger<TableOutboxRelay>.Instance);
        EventInbox = new TableEventInbox(inbox, clock);
        ParkingLot = new TableParkingLot(inbox);
    }

    public TableStore Store { get; }

    /// <summary>A use case's table: holds its state rows and its outbox rows.</summary>
    public string StateTableName { get; }

    public BoundedTable StateTable => Store.Table(StateTableName);

    public BoundedTable Pending { get; }

    public BoundedTable Inbox { get; }

    public FakeTimeProvider Clock { get; }

    public OutboxOptions Options { get; }

    public TableEventOutbox Outbox { get; }

    public TableOutboxRelay Relay { get; }

    public TableEventInbox EventInbox { get; }

    public TableParkingLot ParkingLot { get; }

    public static readonly NationalIdentityNumber Kari = NationalIdentityNumber.Parse("14838510036");
    public static readonly NationalIdentityNumber Ola = NationalIdentityNumber.Parse("02918320167");

    public static async Task<EventStores> CreateAsync(OutboxOptions? options = null)
    {
        var azurite = await Azurite.SharedAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var names = new[] { Azurite.UniqueName("state"), Azurite.UniqueName("pending"), Azurite.UniqueName("inbox") };
        foreach (var name in names)
        {
            await service.CreateTableIfNotExistsAsync(name);
        }

        var store = new TableStore(service);
        return new EventStores(
            store, names[0], store.Table(names[1]), store.Table(names[2]),
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
