namespace CitizenServices.IntegrationTests.Hosting;

/// <summary>
/// The handler's problem-detail plumbing on real Kestrel, with endpoints that take typed parameters and
/// bodies, so binding failures and faults can be provoked. The API endpoints use the same plumbing.
/// </summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Environment.EnvironmentName = Environments.Production;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCitizenServicesProblemDetails();
        _app = builder.Build();
        _app.UseCorrelationId();
        _app.UseCitizenServicesProblemDetails();
        _app.MapGet("/items/{id}", (int id) => Results.Ok(id));
        _app.MapGet("/search", (int count) => Results.Ok(count));
        _app.MapPost("/things", (Thing thing) => Results.Ok(thing));
        _app.MapGet("/boom", string () => throw new InvalidOperationException("secret internals 01018012345"));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task RouteValue_WhenNotAnInteger_Returns400NamingTheParameter()
    {
        using var response = await _client.GetAsync(new Uri("/items/abc", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("id", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task QueryValue_WhenMissing_Returns400NamingTheParameter()
    {
        using var response = await _client.GetAsync(new Uri("/search", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("count", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Body_WhenAValueHasTheWrongType_Returns400NamingTheField()
    {
        using var content = new StringContent("{\"name\": \"a\", \"size\": \"big\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(new Uri("/things", UriKind.Relative), content);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("size", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Body_WhenContentTypeIsNotJson_Returns415Problem()
    {
        using var content = new StringContent("name=a", System.Text.Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync(new Uri("/things", UriKind.Relative), content);

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task Endpoint_WhenItThrows_Returns500ProblemWithoutInternals()
    {
        using var response = await _client.GetAsync(new Uri("/boom", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.InternalServerError, ProblemTypes.InternalError);
        var text = problem.ToString();
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("correlationId", out _));
    }

    public sealed record Thing(string Name, int Size);
}
