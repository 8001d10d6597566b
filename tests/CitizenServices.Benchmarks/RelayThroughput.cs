using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenServices.Benchmarks;

/// <summary>One spread of events over partitions.</summary>
internal sealed record RelayScenario(string Name, int Events, int Partitions);

/// <summary>What one repetition of a scenario measured.</summary>
internal sealed record RelayRun(
    double CommitSeconds,
    long CommitRequests,
    IReadOnlyList<double> InvocationMs,
    double EmptyInvocationMs,
    long RelayRequests,
    double ConfirmSeconds,
    long ConfirmRequests,
    int Relayed);

/// <summary>
/// Relay throughput on Azurite with the real <see cref="TableEventOutbox"/> and <see cref="TableOutboxRelay"/>: commit
/// N events (one commit per event, as a use case does), then invoke the relay back to back, as the OutboxRelay function
/// does once per timer tick (bounded by <see cref="OutboxOptions.MaxEventsPerRun"/>), until a run finds nothing due;
/// then confirm every relayed event as OutboxConfirm does. Fresh tables per repetition.
/// </summary>
internal sealed class RelayThroughput(Azurite azurite, BenchmarkSettings settings)
{
    private static readonly NationalIdentityNumber Representative = NationalIdentityNumber.Parse("02918320167");

    private readonly RequestCounter _counter = new();

    public async Task<IReadOnlyList<(RelayScenario Scenario, IReadOnlyList<RelayRun> Runs)>> RunAsync(IReadOnlyList<RelayScenario> scenarios)
    {
        var people = People.Synthetic(scenarios.Max(s => s.Partitions));

        // Warm-up (not reported): JIT, connection pool, Azurite's first tables.
        Console.Error.WriteLine("relay: warm-up");
        await RunOnceAsync(new RelayScenario("warm-up", 300, 30), people);

        var results = new List<(RelayScenario, IReadOnlyList<RelayRun>)>();
        foreach (var scenario in scenarios)
        {
            var runs = new List<RelayRun>();
            for (var repetition = 1; repetition <= settings.Repetitions; repetition++)
            {
                Console.Error.WriteLine($"relay: {scenario.Name}, repetition {repetition}/{settings.Repetitions}");
                runs.Add(await RunOnceAsync(scenario, people));
            }

            results.Add((scenario, runs));
        }

        return results;
    }

    private async Task<RelayRun> RunOnceAsync(RelayScenario scenario, IReadOnlyList<NationalIdentityNumber> people)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(_counter, HttpPipelinePosition.PerRetry);
        var service = new TableServiceClient(azurite.ConnectionString, clientOptions);
        var stateTable = Azurite.UniqueName("benchstate");
        var pendingTable = Azurite.UniqueName("benchpending");
        await service.CreateTableIfNotExistsAsync(stateTable);
        await service.CreateTableIfNotExistsAsync(pendingTable);
        var store = new TableStore(service);
        var outbox = new TableEventOutbox(store, store.Table(pendingTable), TimeProvider.System);
        var relay = new TableOutboxRelay(
            store, store.Table(pendingTable), TimeProvider.System, settings.Outbox, NullLogger<TableOutboxRelay>.Instance);

        var work = Enumerable.Range(0, scenario.Events)
            .Select(i =>
            {
                var giver = people[i % scenario.Partitions];
                var granted = DomainEvent.Create(
                    EventTypes.FullmaktGranted,
                    giver,
                    new FullmaktGranted(Guid.NewGuid(), giver, Representative, ["appointments", "messages"], new DateOnly(2026, 3, 2), null),
                    TimeProvider.System,
                    "bench-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (Partition: new EventPartition(stateTable, giver.Value), Event: granted);
            })
            .ToList();

        // 1. Commit: one transaction per event, as use cases do, with some concurrency (requests in flight, like a busy API).
        var requests = _counter.Count;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = settings.WriterConcurrency },
            async (item, ct) =>
            {
                var result = await outbox.CommitAsync(item.Partition, [item.Event], ct);
                if (result != OutboxCommitResult.Committed)
                {
                    throw new InvalidOperationException($"Commit returned {result}.");
                }
            });
        var commitSeconds = watch.Elapsed.TotalSeconds;
        var commitRequests = _counter.Count - requests;

        // 2. Relay: back to back, one TakeDueAsync per invocation plus the serialisation of the function's output.
        requests = _counter.Count;
        var invocations = new List<double>();
        var relayed = new List<EventEnvelope>();
        var emptyMs = double.NaN;
        var maxInvocations = (scenario.Events / Math.Max(1, settings.Outbox.MaxEventsPerRun)) + 20;
        for (var invocation = 0; invocation < maxInvocations; invocation++)
        {
            watch.Restart();
            var taken = await relay.TakeDueAsync(CancellationToken.None);
            _ = JsonSerializer.SerializeToUtf8Bytes(taken, EventEnvelope.SerializerOptions);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (taken.Count == 0)
            {
                emptyMs = elapsed;
                break;
            }

            invocations.Add(elapsed);
            relayed.AddRange(taken);
        }

        var relayRequests = _counter.Count - requests;
        var distinct = relayed.Select(e => e.EventId).Distinct().Count();
        if (distinct != scenario.Events || relayed.Count != scenario.Events)
        {
            throw new InvalidOperationException(
                $"{scenario.Name}: relayed {relayed.Count} envelopes ({distinct} distinct) of {scenario.Events} committed events.");
        }

        // 3. Confirm: what OutboxConfirm does per delivered message, at the host's maxConcurrentCalls (16).
        requests = _counter.Count;
        watch.Restart();
        await Parallel.ForEachAsync(
            relayed,
            new ParallelOptions { MaxDegreeOfParallelism = settings.ConfirmConcurrency },
            async (envelope, ct) =>
            {
                var outcome = await relay.ConfirmAsync(envelope.Outbox!, envelope.EventId, ct);
                if (outcome != ConfirmOutcome.Deleted)
                {
                    throw new InvalidOperationException($"Confirm returned {outcome}.");
                }
            });
        var confirmSeconds = watch.Elapsed.TotalSeconds;
        var confirmRequests = _counter.Count - requests;

        var left = 0;
        await foreach (var _ in store.Table(stateTable).QueryAsync<TableEntity>(null, select: ["RowKey"]))
        {
            left++;
        }

        if (left != 0)
        {
            throw new InvalidOperationException($"{scenario.Name}: {left} outbox rows left after confirming.");
        }

        await service.DeleteTableAsync(stateTable);
        await service.DeleteTableAsync(pendingTable);
        return new RelayRun(commitSeconds, commitRequests, invocations, emptyMs, relayRequests, confirmSeconds, confirmRequests, relayed.Count);
    }

    public static void Print(IReadOnlyList<(RelayScenario Scenario, IReadOnlyList<RelayRun> Runs)> results, BenchmarkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        Format.Table(
            $"## Relay throughput on Azurite (median of {settings.Repetitions} repetitions [min–max]; MaxEventsPerRun {settings.Outbox.MaxEventsPerRun}, " +
            $"commits {settings.WriterConcurrency} in flight, confirms {settings.ConfirmConcurrency} in flight)",
            ["scenario", "commit ev/s", "relay ev/s", "invocations", "ms/invocation median", "ms/invocation p95", "empty run ms", "confirm ev/s", "requests/event commit · relay · confirm"],
            results.Select(r =>
            {
                var runs = r.Runs;
                var events = r.Scenario.Events;
                var commit = Summary.Of(runs.Select(x => events / x.CommitSeconds));
                var relay = Summary.Of(runs.Select(x => events / (x.InvocationMs.Sum() / 1000)));
                var confirm = Summary.Of(runs.Select(x => events / x.ConfirmSeconds));
                var perInvocation = Summary.Of(runs.SelectMany(x => x.InvocationMs));
                var empty = Summary.Of(runs.Select(x => x.EmptyInvocationMs));
                return (IReadOnlyList<string>)
                [
                    r.Scenario.Name,
                    Range(commit),
                    Range(relay),
                    Format.N(runs.Average(x => x.InvocationMs.Count), 1) + " + 1 empty",
                    Format.Ms(perInvocation.Median),
                    Format.Ms(perInvocation.P95),
                    Format.Ms(empty.Median),
                    Range(confirm),
                    $"{Format.N(runs.Average(x => (double)x.CommitRequests) / events, 2)} · " +
                    $"{Format.N(runs.Average(x => (double)x.RelayRequests) / events, 2)} · " +
                    $"{Format.N(runs.Average(x => (double)x.ConfirmRequests) / events, 2)}",
                ];
            }));
        Console.WriteLine();
        Console.WriteLine(
            $"relay ev/s = events ÷ summed wall time of the invocations that returned events (back to back; the final empty run is listed apart). " +
            $"Deployed, the timer caps the relay at MaxEventsPerRun per tick: {settings.Outbox.MaxEventsPerRun} per 5 s = " +
            $"{Format.N(settings.Outbox.MaxEventsPerRun / 5.0)} events/s, whatever storage allows.");
    }

    private static string Range(Summary summary) =>
        $"{Format.N(summary.Median)} [{Format.N(summary.Min)}–{Format.N(summary.Max)}]";
}
