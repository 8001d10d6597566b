using System.Diagnostics;
using Azure.Storage.Queues;
using CitizenServices.Infrastructure.Events;
using Microsoft.Extensions.Logging;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The real app as the Functions host runs it: the LocalHost over the repository's host.json and
/// functions/definitions, starting the real handler (CitizenServices.Functions.dll) as a child process, against a
/// storage account of the test's own on the shared Azurite (<see cref="Storage"/>): its tables and the Service Bus
/// stand-in's queues are the test's alone, so no other host takes its messages or sweeps its outbox.
/// </summary>
internal sealed class EventsHost : IAsyncDisposable
{
    private EventsHost(LocalFunctionsHost host, int handlerPort)
    {
        Host = host;
        HandlerPort = handlerPort;
    }

    public LocalFunctionsHost Host { get; }

    /// <summary>The port the handler process itself listens on.</summary>
    public int HandlerPort { get; }

    public static string HandlerDll()
    {
        // Built by the ProjectReference with the same configuration as this test project.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(
            RepositoryRoot.Find(), "functions", "CitizenServices.Functions", "bin", configuration, "net10.0", "CitizenServices.Functions.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The handler is not built at {dll}.");
    }

    /// <param name="storage">The storage account the host and the handler use (a restarted host is given the same one).</param>
    /// <param name="settings">Extra app settings for the handler (environment variables, <c>Section__Key</c>).</param>
    /// <param name="observer">
    /// The subscription that keeps a copy of every event this host publishes; a test class that reads it without the
    /// end-to-end collection's serial order names its own, so it drains no one else's copies.
    /// </param>
    /// <param name="register">
    /// The register double the handler follows, under a feed of its own: the shared seeded one (feed <see cref="SeedFeed"/>)
    /// unless a test changes people and must be the only one to follow its changes.
    /// </param>
    public static async Task<EventsHost> StartAsync(
        Storage storage, bool sweepEnabled = true, IReadOnlyDictionary<string, string>? settings = null, string observer = Observer,
        RegisterDoubleHost? register = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var root = RepositoryRoot.Find();
        var handlerPort = Azurite.FreePort();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Authentication__UseDevelopmentKey"] = "true",
            ["Storage__ConnectionString"] = storage.ConnectionString,
            ["Storage__CreateResourcesAtStartup"] = "true",
            // Every second, and rows older than a second: a test sees what the sweep sends within seconds, not minutes.
            ["OutboxSweepSchedule"] = "*/1 * * * * *",
            // The register follower's timer as deployed, unless a test asks for faster polls (settings below).
            ["RegisterFeedSchedule"] = "*/10 * * * * *",
            ["Events__Outbox__DispatchGrace"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (!sweepEnabled)
        {
            environment["AzureWebJobs.OutboxSweep.Disabled"] = "true";
        }

        // The register: the shared double with the seed population, followed into the replica by the handler's own follower.
        var shared = await RegisterDoubleHost.SharedSeededAsync();
        var feed = register is null || register == shared ? SeedFeed : "feed-" + Guid.NewGuid().ToString("N");
        foreach (var (name, value) in (register ?? shared).AppSettings(feed))
        {
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var options = new LocalHostOptions
        {
            ScriptRoot = root,
            FunctionsRoot = Path.Combine(root, "functions", "definitions"),
            HandlerCommand = ["dotnet", HandlerDll(), "--urls", $"http://127.0.0.1:{handlerPort}"],
            HandlerPort = handlerPort,
            HandlerEnvironment = environment,
            // Port 0: Kestrel takes a free port itself; a port picked in advance can be taken by another test meanwhile.
            ListenUrl = new Uri("http://127.0.0.1:0"),
            StorageConnectionString = storage.ConnectionString,
            // A subscription no function consumes: the stand-in keeps a copy of every event in it for the tests to read.
            ExtraSubscriptions = [new TopicSubscription(Topic, observer)],
            RetryDelay = TimeSpan.FromMilliseconds(300),
            QueuePollInterval = TimeSpan.FromMilliseconds(100),
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

        var events = new EventsHost(host, handlerPort);
        await events.FollowRegisterAsync();
        return events;
    }

    public const string SeedFeed = "seed";

    /// <summary>
    /// Invokes the handler's register follower directly, as the host's timer does, until a run finds nothing new, so the
    /// seed people are in the replica before a test starts instead of after the timer's next occurrence.
    /// </summary>
    public async Task FollowRegisterAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HandlerPort}/") };
        for (var run = 0; run < 5; run++)
        {
            using var content = new StringContent(
                """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{}}""",
                System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("RegisterFeed", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }
    }

    public const string Topic = "citizen-events";
    public const string Observer = "test-observer";
    public const string RegularGpQueue = "fastlege-outbound";
    public const string NotificationsQueue = "notifications-outbound";

    /// <summary>Kills the handler process (SIGKILL), found by the unique port on its command line.</summary>
    public void KillHandler()
    {
        var marker = $"http://127.0.0.1:{HandlerPort}";
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (commandLine.Contains("CitizenServices.Functions.dll", StringComparison.Ordinal) && commandLine.Contains(marker, StringComparison.Ordinal))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
                return;
            }
        }

        throw new InvalidOperationException($"No handler process listening on {marker} was found.");
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>A storage account of the test's own on the shared Azurite, and what the app writes and publishes there.</summary>
internal sealed class Storage
{
    private readonly ConcurrentDictionary<string, List<string>> _received = new(StringComparer.Ordinal);

    private Storage(string connectionString)
    {
        ConnectionString = connectionString;
        var tables = new TableServiceClient(connectionString);
        Store = new TableStore(tables);
        Queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        Outbox = new TableEventOutbox(Store, Store.Table(StorageNames.Tables.OutboxPending), TimeProvider.System);
        ParkingLot = new TableParkingLot(Store.Table(StorageNames.Tables.Inbox));
    }

    public string ConnectionString { get; }

    public TableStore Store { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>The Application outbox port, the same call a use case makes.</summary>
    public IEventOutbox Outbox { get; }

    public IParkingLot ParkingLot { get; }

    /// <summary>A new, empty account: the host started on it creates the app's tables and queues.</summary>
    public static async Task<Storage> CreateAsync() => new((await Azurite.SharedAsync()).NewAccount());

    public static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    public static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);

    public static DomainEvent Granted(string correlationId) => DomainEvent.Create(
        EventTypes.FullmaktGranted,
        KariMother,
        new FullmaktGranted(Guid.NewGuid(), KariMother, OlaFather, ["appointments", "messages"], new DateOnly(2026, 3, 2), new DateOnly(2027, 3, 1)),
        TimeProvider.System,
        correlationId);

    /// <summary>
    /// Commits the event in the outbox table, in the subject's partition (a use case's own table works the same). This
    /// store has no dispatch, so the rows stay as a crash right after the commit leaves them: the sweep sends them.
    /// </summary>
    public Task<OutboxCommitResult> CommitAsync(DomainEvent domainEvent) =>
        Outbox.CommitAsync(new EventPartition(StorageNames.Tables.Outbox, domainEvent.Subject.Value), [domainEvent], default);

    public async Task<bool> OutboxRowExistsAsync(DomainEvent domainEvent) =>
        await Store.Table(StorageNames.Tables.Outbox).GetAsync<TableEntity>(domainEvent.Subject.Value, OutboxRows.RowKey(domainEvent.EventId)) is not null;

    /// <summary>
    /// Bodies received so far on a stand-in storage queue (drained, so the list survives the 32-message peek limit),
    /// e.g. <c>ServiceBusQueueNames.ForQueue("notifications-outbound")</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReceivedAsync(string storageQueueName)
    {
        var queue = Queues.GetQueueClient(storageQueueName);
        await queue.CreateIfNotExistsAsync();
        var list = _received.GetOrAdd(storageQueueName, _ => []);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                list.Add(Encoding.UTF8.GetString(ServiceBusEnvelope.Parse(message.MessageText).Body));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return [.. list];
    }

    public async Task<IReadOnlyList<JsonObject>> NotificationsForAsync(Guid eventId) =>
        (await ReceivedAsync(ServiceBusQueueNames.ForQueue(EventsHost.NotificationsQueue)))
            .Select(b => JsonNode.Parse(b)!.AsObject())
            .Where(n => n["eventId"]?.GetValue<string>() == eventId.ToString())
            .ToList();

    public async Task<IReadOnlyList<string>> PublishedEnvelopesAsync(Guid eventId) =>
        (await ReceivedAsync(ServiceBusQueueNames.ForSubscription(EventsHost.Topic, EventsHost.Observer)))
            .Where(b => b.Contains(eventId.ToString(), StringComparison.Ordinal))
            .ToList();

    public async Task<IReadOnlyList<ParkedMessage>> ParkedTodayAsync(string consumer)
    {
        var parked = new List<ParkedMessage>();
        await foreach (var message in ParkingLot.ListAsync(consumer, DateOnly.FromDateTime(DateTime.UtcNow), default))
        {
            parked.Add(message);
        }

        return parked;
    }
}
