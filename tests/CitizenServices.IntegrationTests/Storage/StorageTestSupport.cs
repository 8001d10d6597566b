using Microsoft.Extensions.Options;
namespace CitizenServices.IntegrationTests.Storage;

/// <summary>A fresh table on the shared Azurite, reached through <see cref="TableStore"/>, with the requests it was sent.</summary>
internal sealed class TestTable
{
    private TestTable(BoundedTable table, StorageRequestRecorder requests)
    {
        Table = table;
        Requests = requests;
    }

    public BoundedTable Table { get; }

    public StorageRequestRecorder Requests { get; }

    public static async Task<TestTable> CreateAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var requests = new StorageRequestRecorder();
        var service = new TableServiceClient(azurite.ConnectionString, requests.AddTo(new TableClientOptions()));
        var name = Azurite.UniqueName("t");
        await service.CreateTableIfNotExistsAsync(name);
        requests.Reset();
        return new TestTable(new TableStore(service).Table(name), requests);
    }

    public async Task<List<TableEntity>> AllAsync(string partitionKey) =>
        await Table.QueryPartitionAsync<TableEntity>(partitionKey).ToListAsync();
}

internal static class StorageTestClients
{
    public static async Task<StorageClients> AzuriteAsync() =>
        new(Options.Create(new StorageOptions { ConnectionString = (await Azurite.SharedAsync()).ConnectionString }));

    public static TableEntity Entity(string partitionKey, string rowKey, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }

    public static TableTransactionAction Add(ITableEntity entity) => new(TableTransactionActionType.Add, entity);
}
