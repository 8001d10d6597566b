using Microsoft.Extensions.Logging;

namespace CitizenServices.LocalHost.Tests;

/// <summary>One request the TestHandler received, as it recorded it.</summary>
internal sealed record Recorded(string Method, string Path, string? Query, JsonObject Headers, string Body)
{
    /// <summary>The invocation request body: <c>{ Data, Metadata }</c>.</summary>
    public JsonObject Invocation => JsonNode.Parse(Body)!.AsObject();

    public JsonObject Data => Invocation[nameof(Data)]!.AsObject();

    public JsonObject Metadata => Invocation[nameof(Metadata)]!.AsObject();

    public string Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>() ?? string.Empty;
}

/// <summary>
/// A LocalFunctionsHost over TestApp/ (copied to the output folder) running the real TestHandler as a child
/// process, with its own queue names (app settings) and record file so tests can run in parallel.
/// </summary>
internal sealed class TestAppHost : IAsyncDisposable
{
    private TestAppHost(LocalFunctionsHost host, Dictionary<string, string?> settings, string recordFile)
    {
        Host = host;
        Settings = settings;
        RecordFile = recordFile;
        Http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public LocalFunctionsHost Host { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string RecordFile { get; }

    public HttpClient Http { get; }

    public LocalServiceBus ServiceBus => Host.ServiceBus;

    public static string ScriptRoot => Path.Combine(AppContext.BaseDirectory, "TestApp");

    public static IReadOnlyList<string> HandlerCommand()
    {
        // The TestHandler is built with the same configuration as this test project (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(
            RepositoryRoot.Find(), "tests", "CitizenServices.TestHandler", "bin", configuration, "net10.0", "CitizenServices.TestHandler.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"TestHandler not built at {dll}.");
        }

        return ["dotnet", dll, "--urls", "http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%"];
    }

    public static async Task<TestAppHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyDictionary<string, int>? maxDeliveryCounts = null,
        IEnumerable<TopicSubscription>? extraSubscriptions = null,
        TimeSpan? restartDelay = null,
        int restartLimit = 3)
    {
        var azurite = await Azurite.SharedAsync();
        var recordFile = Path.Combine(Path.GetTempPath(), $"testhandler-{Guid.NewGuid():N}.jsonl");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TESTHANDLER_RECORD_FILE"] = recordFile,
            ["EchoInQueue"] = Azurite.UniqueName("echoin"),
            ["EchoOutQueue"] = Azurite.UniqueName("echoout"),
            ["FailsInQueue"] = Azurite.UniqueName("failsin"),
            ["FailsOutQueue"] = Azurite.UniqueName("failsout"),
            ["GarbledInQueue"] = Azurite.UniqueName("garbledin"),
            ["GarbledOutQueue"] = Azurite.UniqueName("garbledout"),
            ["RelayInQueue"] = Azurite.UniqueName("relayin"),
            ["RelayTopic"] = Azurite.UniqueName("relaytopic"),
            ["OrdersQueue"] = Azurite.UniqueName("orders"),
            // Once a year, so only the timer test (which overrides it) sees Tick invocations.
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var options = new LocalHostOptions
        {
            ScriptRoot = ScriptRoot,
            HandlerCommand = HandlerCommand(),
            HandlerEnvironment = environment,
            // Port 0: Kestrel takes a free port itself; a port picked in advance can be taken by another test meanwhile.
            ListenUrl = new Uri("http://127.0.0.1:0"),
            StorageConnectionString = azurite.ConnectionString,
            MaxDeliveryCounts = maxDeliveryCounts?.ToDictionary(p => environment[p.Key]!, p => p.Value) ?? new Dictionary<string, int>(),
            ExtraSubscriptions = extraSubscriptions?.ToList() ?? [],
            RetryDelay = TimeSpan.FromMilliseconds(200),
            QueuePollInterval = TimeSpan.FromMilliseconds(50),
            HandlerRestartDelay = restartDelay ?? TimeSpan.FromSeconds(1),
            HandlerRestartLimit = restartLimit,
        };
        var host = new LocalFunctionsHost(options, TestLogging.Factory);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return new TestAppHost(host, environment, recordFile);
    }

    public string Setting(string name) => Settings[name]!;

    /// <summary>Everything the handler recorded for <paramref name="path"/> so far.</summary>
    public IReadOnlyList<Recorded> Records(string path)
    {
        if (!File.Exists(RecordFile))
        {
            return [];
        }

        using var stream = new FileStream(RecordFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var records = new List<Recorded>();
        while (reader.ReadLine() is { } line)
        {
            // The last line can be half-written while the handler appends; it is read complete next time.
            if (!line.EndsWith('}'))
            {
                continue;
            }

            var json = JsonNode.Parse(line)!.AsObject();
            var record = new Recorded(
                json["method"]!.GetValue<string>(),
                json["path"]!.GetValue<string>(),
                json["query"]?.GetValue<string>(),
                json["headers"]!.AsObject(),
                json["body"]!.GetValue<string>());
            if (string.Equals(record.Path, path, StringComparison.Ordinal))
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async Task<IReadOnlyList<Recorded>> WaitForRecordsAsync(string path, int count, TimeSpan? timeout = null)
    {
        var records = await Eventually.WaitAsync(() => Task.FromResult(Records(path)), r => r.Count >= count, timeout);
        return records;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        File.Delete(RecordFile);
    }
}
