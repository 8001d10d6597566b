using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.LocalHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenServices.Benchmarks;

/// <summary>The timestamps of one event on its way through the app.</summary>
internal sealed class Journey(DateTimeOffset committedAt)
{
    public DateTimeOffset CommittedAt { get; } = committedAt;

    /// <summary>When the event reached the topic (enqueued time on a subscription).</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the host sent the Notifier's first output to <c>notifications-outbound</c> (its enqueued time).</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>The first poll that found the outbox row gone (resolution: the poll period).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public bool Complete => PublishedAt is not null && NotifiedAt is not null && ConfirmedAt is not null;
}

/// <summary>
/// Commit → consumer delay through the LocalHost over the real host.json and functions/definitions, running the real
/// handler as a child process (as the end-to-end tests' EventsHost does), against Azurite, with production outbox
/// settings. Events are committed at a steady rate through the real <see cref="TableEventOutbox"/> on a store whose
/// commits the production <see cref="OutboxDispatcher"/> sends right away (to the LocalHost's stand-in, as the handler
/// does when it runs under the LocalHost), in the app's own tables; timestamps come from the Service Bus stand-in's enqueued times, so the collector's own polling does not add
/// to the commit → publish and commit → notification figures.
/// </summary>
internal sealed class EndToEndDelay(Azurite azurite, BenchmarkSettings settings)
{
    private const string Topic = "citizen-events";
    private const string Observer = "bench-observer";
    private const string NotificationsQueue = "notifications-outbound";
    private static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);

    private readonly ConcurrentDictionary<Guid, Journey> _journeys = new();
    private readonly ConcurrentDictionary<(Guid Id, bool Published), DateTimeOffset> _early = new();

    public sealed record Result(IReadOnlyList<Journey> Measured, int Committed, double ActualRate, TimeSpan CommitWindow);

    public async Task<Result> RunAsync()
    {
        var root = RepositoryRoot.Find();
        var handlerPort = Azurite.FreePort();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Authentication__UseDevelopmentKey"] = "true",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Storage__CreateResourcesAtStartup"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            // The deployed schedule (infra/main.bicep): what an event waits for when its dispatch fails.
            ["OutboxSweepSchedule"] = "0 * * * * *",
            ["RegisterFeedSchedule"] = "*/10 * * * * *",
        };
        var options = new LocalHostOptions
        {
            ScriptRoot = root,
            FunctionsRoot = Path.Combine(root, "functions", "definitions"),
            HandlerCommand = ["dotnet", HandlerPath.Dll(root), "--urls", $"http://127.0.0.1:{handlerPort}"],
            HandlerPort = handlerPort,
            HandlerEnvironment = environment,
            ListenUrl = new Uri($"http://127.0.0.1:{Azurite.FreePort()}"),
            StorageConnectionString = azurite.ConnectionString,
            // No consumer of this subscription: its copy of each event shows when the event reached the topic.
            ExtraSubscriptions = [new TopicSubscription(Topic, Observer)],
            QueuePollInterval = settings.PollInterval,
        };
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await using var host = new LocalFunctionsHost(options, loggerFactory);
        Console.Error.WriteLine("end-to-end: starting the LocalHost and the handler");
        await host.StartAsync();

        var tables = new TableServiceClient(azurite.ConnectionString);
        OutboxDispatcher? dispatcher = null;
        var store = new TableStore(tables, () => dispatcher);
        var publisher = new LocalBusEventPublisher(new HttpClient(), host.ServiceBusAddress, Topic);
        var relay = new OutboxPartitionRelay(
            store, store.Table(StorageNames.Tables.OutboxPending), publisher, settings.Outbox, NullLogger<OutboxPartitionRelay>.Instance);
        var outbox = new TableEventOutbox(store, store.Table(StorageNames.Tables.OutboxPending), TimeProvider.System);
        dispatcher = new OutboxDispatcher(relay, outbox, publisher, settings.Outbox, NullLogger<OutboxDispatcher>.Instance);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Outbox);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.OutboxPending);
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var notifications = queues.GetQueueClient(ServiceBusQueueNames.ForQueue(NotificationsQueue));
        var published = queues.GetQueueClient(ServiceBusQueueNames.ForSubscription(Topic, Observer));
        await notifications.CreateIfNotExistsAsync();
        await published.CreateIfNotExistsAsync();
        var outboxTable = tables.GetTableClient(StorageNames.Tables.Outbox);

        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() => CollectAsync(notifications, published, outboxTable, stop.Token));
        var people = SyntheticPeople.Fresh(settings.EndToEndPartitions);

        // Warm-up (not reported): a few events all the way through, so JIT and queue creation are behind us.
        Console.Error.WriteLine("end-to-end: warm-up");
        var warmUp = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            warmUp.Add(await CommitAsync(outbox, people[i % people.Count], "warm-up"));
        }

        await WaitAsync(warmUp, TimeSpan.FromSeconds(40));

        // The measured window: a steady rate, bounded in time and count.
        var count = (int)Math.Round(settings.Rate * settings.Seconds.TotalSeconds);
        Console.Error.WriteLine($"end-to-end: committing {count} events at {settings.Rate}/s for {settings.Seconds.TotalSeconds} s");
        var measured = new List<Guid>(count);
        var period = TimeSpan.FromSeconds(1 / settings.Rate);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = period * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            measured.Add(await CommitAsync(outbox, people[i % people.Count], "bench"));
        }

        var window = clock.Elapsed;
        Console.Error.WriteLine("end-to-end: waiting for the last events");
        await WaitAsync(measured, settings.DrainTimeout);
        await stop.CancelAsync();
        await collector;
        return new Result(measured.Select(id => _journeys[id]).ToList(), count, count / window.TotalSeconds, window);
    }

    private async Task<Guid> CommitAsync(TableEventOutbox outbox, NationalIdentityNumber giver, string correlation)
    {
        var granted = DomainEvent.Create(
            EventTypes.FullmaktGranted,
            giver,
            new FullmaktGranted(Guid.NewGuid(), giver, OlaFather, ["appointments"], new DateOnly(2026, 3, 2), null),
            TimeProvider.System,
            correlation);
        // Taken before the call: CommitAsync returns only after the dispatch that follows the commit, so its return is
        // too late for "committed"; the index upsert and the transaction before the commit are counted as delay instead.
        var before = DateTimeOffset.UtcNow;
        await outbox.CommitAsync(new EventPartition(StorageNames.Tables.Outbox, giver.Value), [granted], CancellationToken.None);
        // Registered only once committed, so the collector never mistakes a row not yet written for a deleted one; the
        // collector keeps copies that arrive before this (the dispatch is that fast) until it is registered.
        _journeys[granted.EventId] = new Journey(before);
        foreach (var early in _early.Where(e => e.Key.Id == granted.EventId).ToList())
        {
            _early.TryRemove(early.Key, out _);
            lock (_journeys[granted.EventId])
            {
                if (early.Key.Published)
                {
                    _journeys[granted.EventId].PublishedAt ??= early.Value;
                }
                else
                {
                    _journeys[granted.EventId].NotifiedAt ??= early.Value;
                }
            }
        }

        return granted.EventId;
    }

    private async Task WaitAsync(IReadOnlyList<Guid> ids, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !ids.All(id => _journeys[id].Complete))
        {
            await Task.Delay(100);
        }
    }

    private async Task CollectAsync(QueueClient notifications, QueueClient published, TableClient outboxTable, CancellationToken stopping)
    {
        var confirmPoll = Stopwatch.StartNew();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(notifications, false, (journey, enqueued) => journey.NotifiedAt ??= enqueued, stopping);
                await DrainAsync(published, true, (journey, enqueued) => journey.PublishedAt ??= enqueued, stopping);
                if (confirmPoll.Elapsed >= settings.ConfirmPollInterval)
                {
                    confirmPoll.Restart();
                    await PollConfirmationsAsync(outboxTable, stopping);
                }

                await Task.Delay(50, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DrainAsync(QueueClient queue, bool publishedCopy, Action<Journey, DateTimeOffset> record, CancellationToken stopping)
    {
        while (true)
        {
            // Received and left invisible (no delete): nobody else reads these queues, and it halves the requests.
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), stopping)).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                var envelope = ServiceBusEnvelope.Parse(message.MessageText);
                var eventId = JsonNode.Parse(envelope.Body)?["eventId"]?.GetValue<string>();
                if (Guid.TryParse(eventId, out var id) && _journeys.TryGetValue(id, out var journey))
                {
                    lock (journey)
                    {
                        record(journey, envelope.EnqueuedTimeUtc);
                    }
                }
                else if (id != Guid.Empty)
                {
                    _early.TryAdd((id, publishedCopy), envelope.EnqueuedTimeUtc);
                }
            }
        }
    }

    private async Task PollConfirmationsAsync(TableClient outboxTable, CancellationToken stopping)
    {
        // Only events committed before the query starts can be judged by it.
        var waiting = _journeys.Where(j => j.Value.ConfirmedAt is null).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        var queriedAt = DateTimeOffset.UtcNow;
        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in outboxTable.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: stopping))
        {
            present.Add(row.RowKey);
        }

        foreach (var (id, journey) in waiting)
        {
            if (!present.Contains(OutboxRows.RowKey(id)))
            {
                lock (journey)
                {
                    journey.ConfirmedAt ??= queriedAt;
                }
            }
        }
    }


    public static void Print(Result result, BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var journeys = result.Measured;
        static IEnumerable<double> Ms(IEnumerable<TimeSpan?> spans) => spans.Where(s => s is not null).Select(s => s!.Value.TotalMilliseconds);
        var rows = new (string Name, Summary Summary)[]
        {
            ("commit → published to the topic (dispatch)", Summary.Of(Ms(journeys.Select(j => j.PublishedAt - j.CommittedAt)))),
            ("published → notification sent (Notifier)", Summary.Of(Ms(journeys.Select(j => j.NotifiedAt - j.PublishedAt)))),
            ("**commit → notification on notifications-outbound**", Summary.Of(Ms(journeys.Select(j => j.NotifiedAt - j.CommittedAt)))),
            ("commit → outbox row deleted", Summary.Of(Ms(journeys.Select(j => j.ConfirmedAt - j.CommittedAt)))),
        };
        Format.Table(
            $"## End-to-end delay through the LocalHost ({result.Committed} events at {Format.N(result.ActualRate, 2)}/s over " +
            $"{Format.N(result.CommitWindow.TotalSeconds, 1)} s; dispatch after each commit, sweep once a minute; LocalHost queue poll {Format.N(settings.PollInterval.TotalMilliseconds)} ms)",
            ["delay (ms)", "events", "median", "p95", "max", "min"],
            rows.Select(r => (IReadOnlyList<string>)
                [r.Name, Format.N(r.Summary.Count), Format.Ms(r.Summary.Median), Format.Ms(r.Summary.P95), Format.Ms(r.Summary.Max), Format.Ms(r.Summary.Min)]));
        var missing = journeys.Count(j => !j.Complete);
        Console.WriteLine();
        Console.WriteLine(
            $"Timestamps: commit = when CommitAsync was called (it returns after the dispatch); published/notified = the stand-in's enqueued time of the message; " +
            $"deleted = first poll (every {Format.N(settings.ConfirmPollInterval.TotalMilliseconds)} ms) that found the row gone. " +
            (missing == 0 ? "Every event completed." : $"{missing} event(s) did not complete within the drain timeout."));
    }
}
