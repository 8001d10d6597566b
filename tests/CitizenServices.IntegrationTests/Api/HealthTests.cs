using CitizenServices.Functions.Health;

namespace CitizenServices.IntegrationTests.Api;

/// <summary>
/// Rules for health (docs/architecture.md, "Health"): liveness touches no storage; readiness answers from a cached probe of
/// real storage (Azurite) refreshed in the background, one probe at a time, never older than the configured staleness; so a
/// burst of requests never makes health fail or multiply storage calls.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static async Task<StorageReadiness> ReadinessAsync(TimeProvider time) =>
        new(await StorageTestClients.AzuriteAsync(), Options.Create(new HealthOptions()), time);

    [Fact]
    public async Task Live_WhenCalled_AnswersAliveWithTheVersion()
    {
        using var client = _factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/health/live", UriKind.Relative));

        Assert.Equal("alive", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task ReadyAndTheOriginalRoute_WhenStorageAnswers_AnswerTheSameProbe()
    {
        using var client = _factory.CreateClient();

        var ready = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/health/ready", UriKind.Relative));
        var original = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/health", UriKind.Relative));

        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("storage").GetProperty("tables").GetBoolean());
        Assert.Equal(ready.GetProperty("checkedAt").GetDateTimeOffset(), original.GetProperty("checkedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Health_WhenTwoHundredRequestsArriveAtOnce_EveryOneIsHealthyFromOneProbe()
    {
        using var client = _factory.CreateClient();
        string[] paths = ["/api/v1/health", "/api/v1/health/ready", "/api/v1/health/live"];

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await client.GetAsync(new Uri(paths[i % paths.Length], UriKind.Relative));
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Where(a => a.Body.TryGetProperty("checkedAt", out _)).Select(a => a.Body.GetProperty("checkedAt").GetDateTimeOffset()).Distinct());
    }

    [Fact]
    public async Task Readiness_WhenManyAskAtOnceOnAFreshInstance_TheyShareOneProbe()
    {
        var readiness = await ReadinessAsync(TimeProvider.System);

        var reports = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => readiness.GetAsync(CancellationToken.None)));

        // Each probe stamps its own completion time: one time means one probe.
        Assert.Single(reports.Select(r => r.CheckedAt).Distinct());
        Assert.All(reports, r => Assert.True(r.Storage.Healthy));
    }

    [Fact]
    public async Task Readiness_WithinTheRefreshInterval_AnswersTheCachedProbe()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var readiness = await ReadinessAsync(clock);
        var first = await readiness.GetAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(9));
        var second = await readiness.GetAsync(CancellationToken.None);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Readiness_WhenTheProbeIsOlderThanTheRefreshInterval_AnswersItAtOnceAndRefreshesInTheBackground()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var readiness = await ReadinessAsync(clock);
        var first = await readiness.GetAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(30));
        var stale = await readiness.GetAsync(CancellationToken.None);

        Assert.Same(first, stale);
        var refreshed = await Eventually(async () => await readiness.GetAsync(CancellationToken.None), r => r.CheckedAt > first.CheckedAt);
        Assert.Equal(clock.GetUtcNow(), refreshed.CheckedAt);
    }

    [Fact]
    public async Task Readiness_WhenTheProbeIsOlderThanTheMaximumStaleness_WaitsForAFreshOne()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var readiness = await ReadinessAsync(clock);
        var first = await readiness.GetAsync(CancellationToken.None);

        clock.Advance(new HealthOptions().MaxStaleness + TimeSpan.FromSeconds(1));
        var fresh = await readiness.GetAsync(CancellationToken.None);

        Assert.NotSame(first, fresh);
        Assert.Equal(clock.GetUtcNow(), fresh.CheckedAt);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>Storage is down: liveness still answers (it touches nothing); readiness says which service is unreachable.</summary>
public sealed class HealthWhenStorageIsUnreachableTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.WithUnreachableStorage().StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Live_WhenStorageIsUnreachable_StillAnswers200()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_WhenStorageIsUnreachable_Is503NamingEachServiceWithWhenItWasChecked()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/health/ready", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "https://citizen-services.helsenorge.no/problems/service-unavailable");
        Assert.False(problem.GetProperty("storage").GetProperty("tables").GetBoolean());
        Assert.True(problem.TryGetProperty("checkedAt", out _));
    }
}
