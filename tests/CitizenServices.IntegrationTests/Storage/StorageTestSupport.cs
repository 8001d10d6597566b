namespace CitizenServices.IntegrationTests.Storage;

/// <summary>
/// Counts the HTTP requests a real client sends to Azurite, to prove that a rejected write never left the process and
/// that a query followed more than one page. It observes the pipeline; responses come from Azurite unchanged.
/// </summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private int _count;
    private int _gets;

    public int Count => Volatile.Read(ref _count);

    /// <summary>GET requests, i.e. query pages and point reads.</summary>
    public int Gets => Volatile.Read(ref _gets);

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _gets, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        Interlocked.Increment(ref _count);
        if (message.Request.Method == RequestMethod.Get)
        {
            Interlocked.Increment(ref _gets);
        }
    }
}

/// <summary>A fresh table on the shared Azurite, reached through <see cref="TableStore"/>, with a request counter.</summary>
internal sealed class TestTable
{
    private TestTable(BoundedTable table, RequestCounter counter)
    {
        Table = table;
        Counter = counter;
    }

    public BoundedTable Table { get; }

    public RequestCounter Counter { get; }

    public static async Task<TestTable> CreateAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var name = Azurite.UniqueName("t");
        await service.CreateTableIfNotExistsAsync(name);
        counter.Reset();
        return new TestTable(new TableStore(service).Table(name), counter);
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
