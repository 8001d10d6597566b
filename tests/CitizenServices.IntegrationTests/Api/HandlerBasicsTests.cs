namespace CitizenServices.IntegrationTests.Api;

public sealed class HandlerBasicsTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _factory.StartAsync();
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Root_WhenHostPollsForReadiness_Answers200()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_WhenStorageIsReachable_ReportsAllThreeAndVersion()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("version").GetString()));
        var storage = body.GetProperty("storage");
        Assert.True(storage.GetProperty("tables").GetBoolean());
        Assert.True(storage.GetProperty("blobs").GetBoolean());
        Assert.True(storage.GetProperty("queues").GetBoolean());
    }

    [Fact]
    public async Task UnknownRoute_WhenRequested_Returns404ProblemDetail()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "https://citizen-services.helsenorge.no/problems/not-found");
    }

    [Fact]
    public async Task KnownRoute_WhenMethodIsWrong_Returns405ProblemDetail()
    {
        using var response = await _client.DeleteAsync(new Uri("/api/v1/health", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.MethodNotAllowed, "https://citizen-services.helsenorge.no/problems/method-not-allowed");
        Assert.Contains("DELETE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyResponse_WhenCallerSendsCorrelationId_EchoesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");
        request.Headers.Add("X-Correlation-Id", "abc-123");

        using var response = await _client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("abc-123", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Equal("abc-123", problem.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task AnyResponse_WhenCorrelationIdIsMalformed_ReplacesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "bad id\twith spaces and more than sixty-four characters in it ..........");

        using var response = await _client.SendAsync(request);
        var echoed = response.Headers.GetValues("X-Correlation-Id").Single();

        Assert.DoesNotContain(" ", echoed, StringComparison.Ordinal);
        Assert.InRange(echoed.Length, 1, 64);
    }
}

public sealed class HealthWhenStorageIsDownTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.WithUnreachableStorage().StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Health_WhenStorageIsUnreachable_Returns503ProblemNamingEachService()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/health", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.ServiceUnavailable, "https://citizen-services.helsenorge.no/problems/service-unavailable");
        var storage = problem.GetProperty("storage");
        Assert.False(storage.GetProperty("tables").GetBoolean());
        Assert.False(storage.GetProperty("blobs").GetBoolean());
        Assert.False(storage.GetProperty("queues").GetBoolean());
    }
}
