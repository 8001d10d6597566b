namespace CitizenServices.IntegrationTests.Storage;

public sealed class StorageBootstrapperTests
{
    [Fact]
    public async Task StartAsync_WhenRunTwice_EveryTableContainerAndQueueExists()
    {
        var clients = await StorageTestClients.AzuriteAsync();
        var catalog = UniqueCatalog();

        await Bootstrapper(clients, catalog, create: true).StartAsync(CancellationToken.None);
        await Bootstrapper(clients, catalog, create: true).StartAsync(CancellationToken.None);

        await AssertAllExist(clients, catalog);
    }

    [Fact]
    public async Task StartAsync_WhenInstancesStartConcurrently_AllSucceed()
    {
        var clients = await StorageTestClients.AzuriteAsync();
        var catalog = UniqueCatalog();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Bootstrapper(clients, catalog, create: true).StartAsync(CancellationToken.None)));

        await AssertAllExist(clients, catalog);
    }

    [Fact]
    public async Task StartAsync_WhenCreateResourcesAtStartupIsFalse_CreatesNothing()
    {
        var clients = await StorageTestClients.AzuriteAsync();
        var catalog = UniqueCatalog();

        await Bootstrapper(clients, catalog, create: false).StartAsync(CancellationToken.None);

        Assert.All(catalog.Tables, t => Assert.False(TableExists(clients, t)));
        Assert.False(await clients.Blobs.GetBlobContainerClient(catalog.Containers[0]).ExistsAsync());
        Assert.False(await clients.Queues.GetQueueClient(catalog.Queues[0]).ExistsAsync());
    }

    [Fact]
    public async Task AddCitizenServicesStorage_WhenHostStartsLocally_CreatesTheAppCatalog()
    {
        // An empty account: in one the app's tables already existed in, the test would pass whatever the host did.
        var account = (await Azurite.SharedAsync()).NewAccount();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = account,
            ["Storage:CreateResourcesAtStartup"] = "true",
        });
        builder.Services.AddCitizenServicesStorage(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var clients = host.Services.GetRequiredService<StorageClients>();
        Assert.Same(StorageNames.Catalog, host.Services.GetRequiredService<StorageCatalog>());
        await AssertAllExist(clients, StorageNames.Catalog);
    }

    private static StorageBootstrapper Bootstrapper(StorageClients clients, StorageCatalog catalog, bool create) =>
        new(clients, Options.Create(new StorageOptions { CreateResourcesAtStartup = create }), catalog,
            NullLogger<StorageBootstrapper>.Instance);

    private static StorageCatalog UniqueCatalog() => new(
        Tables: [Azurite.UniqueName("boot"), Azurite.UniqueName("boot")],
        Containers: [Azurite.UniqueName("boot")],
        Queues: [Azurite.UniqueName("boot")]);

    private static async Task AssertAllExist(StorageClients clients, StorageCatalog catalog)
    {
        Assert.All(catalog.Tables, t => Assert.True(TableExists(clients, t), $"table {t}"));
        foreach (var container in catalog.Containers)
        {
            Assert.True(await clients.Blobs.GetBlobContainerClient(container).ExistsAsync(), $"container {container}");
        }

        foreach (var queue in catalog.Queues)
        {
            Assert.True(await clients.Queues.GetQueueClient(queue).ExistsAsync(), $"queue {queue}");
        }
    }

    private static bool TableExists(StorageClients clients, string name) =>
        clients.Tables.Query(TableClient.CreateQueryFilter($"TableName eq {name}")).Any();
}
