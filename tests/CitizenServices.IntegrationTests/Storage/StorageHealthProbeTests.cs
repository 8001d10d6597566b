namespace CitizenServices.IntegrationTests.Storage;

public sealed class StorageHealthProbeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CheckAsync_WhenAzuriteRuns_ReportsEveryServiceReachable()
    {
        // A generous bound: this test is about each service being reported reachable. The deployed two-second bound is
        // the next test's subject, and on a loaded machine Azurite can take longer than that to answer.
        var probe = new StorageHealthProbe(await StorageTestClients.AzuriteAsync(), TimeSpan.FromSeconds(30));

        var health = await probe.CheckAsync();

        Assert.True(health.Tables, health.Errors.GetValueOrDefault("tables"));
        Assert.True(health.Blobs, health.Errors.GetValueOrDefault("blobs"));
        Assert.True(health.Queues, health.Errors.GetValueOrDefault("queues"));
        Assert.True(health.Healthy);
        Assert.Empty(health.Errors);
    }

    [Fact]
    public async Task CheckAsync_WhenNothingListens_ReportsEveryServiceDownWithinSecondsWithoutThrowing()
    {
        var connectionString = Azurite.BuildConnectionString(Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort());
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = connectionString }));
        var probe = new StorageHealthProbe(clients);
        var watch = Stopwatch.StartNew();

        var health = await probe.CheckAsync();

        watch.Stop();
        output.WriteLine($"{watch.Elapsed}: {string.Join(" | ", health.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        Assert.False(health.Tables);
        Assert.False(health.Blobs);
        Assert.False(health.Queues);
        Assert.False(health.Healthy);
        Assert.Equal(["blobs", "queues", "tables"], health.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(health.Errors.Values, e => Assert.DoesNotContain("AccountKey", e, StringComparison.OrdinalIgnoreCase));
        Assert.All(health.Errors.Values, e => Assert.DoesNotContain("Eby8vdM02", e, StringComparison.Ordinal));
        // Checks run concurrently, so the whole probe takes about one timeout (2 s), not three.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CheckAsync_WhenCallerCancels_ThrowsOperationCanceled()
    {
        var probe = new StorageHealthProbe(await StorageTestClients.AzuriteAsync());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.CheckAsync(cancelled.Token));
    }
}
