using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.LocalHost;
using CitizenServices.Testing;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Benchmarks;

/// <summary>The timestamps of one event on its way through the app.</summary>
internal sealed class Journey(DateTimeOffset committedAt)
{
    public DateTimeOffset CommittedAt { get; } = committedAt;

    /// <summary>When the host sent the relay's output to the topic (enqueued time on a subscription).</summary>
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
/// settings. Events are committed at a steady rate through the real <see cref="TableEventOutbox"/>, in the app's own
/// tables; timestamps come from the Service Bus stand-in's enqueued times, so the collector's own polling does not add
/// to the commit → publish and commit → notification figures.
/// </summary>
internal sealed class EndToEndDelay(Azurite azurite, BenchmarkSettings settings)
{
    private const string Topic = "citizen-events";
    private const string Observer = "bench-observer";
    private const string NotificationsQueue = "notifications-outbound";
    private static readonly NationalIdentityNumber Representative = NationalIdentityNumber.Parse("02918320167");

    private readonly ConcurrentDictionary<Guid, Journey> _journeys = new();

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
            // No consumer of this subscription yet: its copy of each event shows when the relay's output was sent.
            ExtraSubscriptions = [new TopicSubscription(Topic, Observer)],
            QueuePollInterval = settings.PollInterval,
        };
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await using var host = new LocalFunctionsHost(options, loggerFactory);
        Console.Error.WriteLine("end-to-end: starting the LocalHost and the handler");
        await host.StartAsync();

        var tables = new TableServiceClient(azurite.ConnectionString);
        var store = new TableStore(tables);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.Outbox);
        await tables.CreateTableIfNotExistsAsync(StorageNames.Tables.OutboxPending);
        var outbox = new TableEventOutbox(store, store.Table(StorageNames.Tables.OutboxPending), TimeProvider.System);
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var notifications = queues.GetQueueClient(ServiceBusQueueNames.ForQueue(NotificationsQueue));
        var published = queues.GetQueueClient(ServiceBusQueueNames.ForSubscription(Topic, Observer));
        await notifications.CreateIfNotExistsAsync();
        await published.CreateIfNotExistsAsync();
        var outboxTable = tables.GetTableClient(StorageNames.Tables.Outbox);

        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() => CollectAsync(notifications, published, outboxTable, stop.Token));
        var people = People.Synthetic(settings.EndToEndPartitions);

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
            new FullmaktGranted(Guid.NewGuid(), giver, Representative, ["appointments"], new DateOnly(2026, 3, 2), null),
            TimeProvider.System,
            correlation);
        await outbox.CommitAsync(new EventPartition(StorageNames.Tables.Outbox, giver.Value), [granted], CancellationToken.None);
        // Registered only once committed, so the collector never mistakes a row not yet written for a confirmed one.
        _journeys[granted.EventId] = new Journey(DateTimeOffset.UtcNow);
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
                await DrainAsync(notifications, (journey, enqueued) => journey.NotifiedAt ??= enqueued, stopping);
                await DrainAsync(published, (journey, enqueued) => journey.PublishedAt ??= enqueued, stopping);
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

    private async Task DrainAsync(QueueClient queue, Action<Journey, DateTimeOffset> record, CancellationToken stopping)
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
            ("commit → published to the topic (relay)", Summary.Of(Ms(journeys.Select(j => j.PublishedAt - j.CommittedAt)))),
            ("published → notification sent (Notifier)", Summary.Of(Ms(journeys.Select(j => j.NotifiedAt - j.PublishedAt)))),
            ("**commit → notification on notifications-outbound**", Summary.Of(Ms(journeys.Select(j => j.NotifiedAt - j.CommittedAt)))),
            ("commit → outbox row deleted (OutboxConfirm)", Summary.Of(Ms(journeys.Select(j => j.ConfirmedAt - j.CommittedAt)))),
        };
        Format.Table(
            $"## End-to-end delay through the LocalHost ({result.Committed} events at {Format.N(result.ActualRate, 2)}/s over " +
            $"{Format.N(result.CommitWindow.TotalSeconds, 1)} s; relay timer */5 s; LocalHost queue poll {Format.N(settings.PollInterval.TotalMilliseconds)} ms)",
            ["delay (ms)", "events", "median", "p95", "max", "min"],
            rows.Select(r => (IReadOnlyList<string>)
                [r.Name, Format.N(r.Summary.Count), Format.Ms(r.Summary.Median), Format.Ms(r.Summary.P95), Format.Ms(r.Summary.Max), Format.Ms(r.Summary.Min)]));
        var missing = journeys.Count(j => !j.Complete);
        Console.WriteLine();
        Console.WriteLine(
            $"Timestamps: commit = when CommitAsync returned; published/notified = the stand-in's enqueued time of the message; " +
            $"deleted = first poll (every {Format.N(settings.ConfirmPollInterval.TotalMilliseconds)} ms) that found the row gone. " +
            (missing == 0 ? "Every event completed." : $"{missing} event(s) did not complete within the drain timeout."));
    }
}
