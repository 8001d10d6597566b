using System.Text.RegularExpressions;

namespace CitizenServices.IntegrationTests.Hosting;

/// <summary>
/// Rules for the handler's log (docs/architecture.md, "Observability"): one line per request at Information, rendered by the
/// Development console format as <c>HH:mm:ss info CitizenServices.Requests: {method} {route template} {status} in {ms} ms,
/// correlation {id}</c>; a refused token at Information with its reason and nothing at Error; the route template, never a
/// path holding a national identity number; the 10-second register-feed timer silent at the configured levels. Through the
/// real handler (its appsettings.json levels included), each entry rendered by the real console formatter.
/// </summary>
public sealed partial class RequestLogTests(RequestLogTests.App app) : IClassFixture<RequestLogTests.App>
{
    private const string Parent = "14838510036";
    private const string Child = "05861950001";

    [Fact]
    public async Task Request_WhenAnswered_IsOneInformationLineWithRouteTemplateStatusDurationAndCorrelationId()
    {
        var correlationId = NewCorrelationId();

        using var response = await app.SendAsync($"/api/v1/persons/{Child}/representatives", correlationId, app.Factory.Tokens.Citizen(Parent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(app.Entries, entry => Assert.Single(entry.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var line = Assert.Single(app.LinesOf(correlationId));
        Assert.Matches(
            RequestLine("info", $@"GET /api/v1/persons/\{{subject\}}/representatives 200 in \d+(\.\d)? ms, correlation {correlationId}"), line);
        Assert.DoesNotContain(app.Lines, l => l.Contains(Child, StringComparison.Ordinal) || l.Contains(Parent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_WhenTheTokenIsRefused_IsInformationWithTheReasonAndNothingIsLoggedAsAnError()
    {
        var correlationId = NewCorrelationId();

        using var response = await app.SendAsync($"/api/v1/persons/{Child}/representatives", correlationId, "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = Assert.Single(app.LinesOf(correlationId));
        Assert.Matches(
            RequestLine("info", $@"GET /api/v1/persons/\{{subject\}}/representatives 401 unauthorized \(The token is malformed\.\) in \d+(\.\d)? ms, correlation {correlationId}"),
            line);
        Assert.DoesNotContain(app.Lines, l => l.Contains(" fail ", StringComparison.Ordinal) || l.Contains("IdentityModel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_WhenAnsweredWithAProblem_NamesItsCode()
    {
        var correlationId = NewCorrelationId();

        using var response = await app.SendAsync("/api/v1/persons/12345678901/representatives", correlationId, app.Factory.Tokens.Citizen(Parent));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches(
            RequestLine("info", $@"GET /api/v1/persons/\{{subject\}}/representatives 400 invalid-request in \d+(\.\d)? ms, correlation {correlationId}"),
            Assert.Single(app.LinesOf(correlationId)));
    }

    [Fact]
    public async Task Invocation_WhenTheRegisterFeedTimerRuns_WritesNothingAtTheConfiguredLevel()
    {
        var before = app.Lines.Count;

        await app.Factory.FollowRegisterAsync();

        Assert.DoesNotContain(app.Lines.Skip(before), l => l.Contains("CitizenServices.Requests", StringComparison.Ordinal));
    }

    private static string NewCorrelationId() => "test-" + Guid.NewGuid().ToString("N");

    private static Regex RequestLine(string level, string rest) => new($@"^\d\d:\d\d:\d\d {level} {Regex.Escape(RequestLog.Category)}: {rest}$");

    /// <summary>The handler with every log entry rendered by <see cref="CompactConsoleFormatter"/>, as run.sh shows it.</summary>
    public sealed class App : IAsyncLifetime
    {
        private readonly RenderingLoggerProvider _rendered = new();

        public App()
        {
            Factory = new CitizenServicesFactory { ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_rendered) };
        }

        public CitizenServicesFactory Factory { get; }

        /// <summary>Every entry as the formatter wrote it, line ending included.</summary>
        public IReadOnlyList<string> Entries => [.. _rendered.Entries];

        public IReadOnlyList<string> Lines => [.. _rendered.Entries.Select(e => e.TrimEnd('\r', '\n'))];

        public IEnumerable<string> LinesOf(string correlationId) => Lines.Where(l => l.Contains(correlationId, StringComparison.Ordinal));

        public async Task<HttpResponseMessage> SendAsync(string path, string correlationId, string token)
        {
            using var client = Factory.CreateClient(token);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add(CorrelationId.HeaderName, correlationId);
            return await client.SendAsync(request);
        }

        public async Task InitializeAsync() => await Factory.StartAsync();

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private sealed class RenderingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly CompactConsoleFormatter _formatter = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(RenderingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var writer = new StringWriter();
                provider._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider._scopes, writer);
                provider.Entries.Enqueue(writer.ToString());
            }
        }
    }
}
