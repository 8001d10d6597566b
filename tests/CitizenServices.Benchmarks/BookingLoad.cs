using System.Net;
using System.Net.Http.Json;
using CitizenServices.DevTokens;
using CitizenServices.LocalHost;

namespace CitizenServices.Benchmarks;

/// <summary>
/// Booking under load through the LocalHost and the real handler (child process), against Azurite: many distinct citizens
/// book distinct free slots at a fixed concurrency (bookings/s, latency p50/p99 of the successful requests), then a
/// contended round where ten citizens race for each slot (every slot booked once, the rest 409).
/// </summary>
internal sealed class BookingLoad(Azurite azurite, BenchmarkSettings settings)
{
    public sealed record Round(string Name, int Requests, int Created, int Conflicts, int Other, TimeSpan Elapsed, Summary Latency, double P99);

    public async Task<IReadOnlyList<Round>> RunAsync()
    {
        var root = RepositoryRoot.Find();
        var handlerPort = Azurite.FreePort();
        var options = new LocalHostOptions
        {
            ScriptRoot = root,
            FunctionsRoot = Path.Combine(root, "functions", "definitions"),
            HandlerCommand = ["dotnet", HandlerPath.Dll(root), "--urls", $"http://127.0.0.1:{handlerPort}"],
            HandlerPort = handlerPort,
            HandlerEnvironment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Authentication__UseDevelopmentKey"] = "true",
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Storage__CreateResourcesAtStartup"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                // The load round has each citizen book one slot; the limit is not what is measured.
                ["Booking__MaxFutureAppointments"] = "1000",
                ["OutboxSweepSchedule"] = "0 * * * * *",
                ["RegisterFeedSchedule"] = "*/10 * * * * *",
            },
            ListenUrl = new Uri($"http://127.0.0.1:{Azurite.FreePort()}"),
            StorageConnectionString = azurite.ConnectionString,
        };
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await using var host = new LocalFunctionsHost(options, loggerFactory);
        Console.Error.WriteLine("booking: starting the LocalHost and the handler");
        await host.StartAsync();

        var tokens = TokenFactory.Development();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = options.ListenUrl };
        var rounds = new List<Round>();
        var people = SyntheticPeople.Fresh(settings.BookingRequests * 2 + 100).Select(p => p.Value).ToList();

        // Warm-up (not reported): JIT, table creation, token validation caches.
        var warmUp = await PrepareAsync(http, tokens, "bench-warmup", 20);
        await RunRoundAsync(http, tokens, "warm-up", warmUp, people.Take(20).ToList(), settings.BookingConcurrency);

        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            var slots = await PrepareAsync(http, tokens, $"bench-{rep}", settings.BookingRequests);
            var who = people.Skip(100).Take(settings.BookingRequests).ToList();
            rounds.Add(await RunRoundAsync(http, tokens, $"{settings.BookingRequests} bookings, distinct slots, {settings.BookingConcurrency} in flight (run {rep + 1})",
                slots, who, settings.BookingConcurrency));
            people.Reverse();
        }

        var contended = await PrepareAsync(http, tokens, "bench-contended", 20);
        var racers = people.Take(200).ToList();
        rounds.Add(await RunRoundAsync(http, tokens, "200 attempts on 20 slots, all at once", Enumerable.Range(0, 200).Select(i => contended[i % 20]).ToList(), racers, 200));
        return rounds;
    }

    private static async Task<IReadOnlyList<(string Schedule, string Slot)>> PrepareAsync(HttpClient http, TokenFactory tokens, string scheduleId, int count)
    {
        var admin = tokens.Workforce(["Schedules.Manage"], "0301");
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/schedules/{scheduleId}")
        {
            Content = JsonContent.Create(new { name = "Benchmark", kind = "gp", municipality = "0301", channels = new[] { "in-person" } }),
        })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var start = DateTimeOffset.UtcNow.Date.AddDays(30);
        var starts = Enumerable.Range(0, count).Select(i => new DateTimeOffset(start, TimeSpan.Zero).AddMinutes(5 * i)).ToList();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/schedules/{scheduleId}/slots")
        {
            Content = JsonContent.Create(new { slots = starts.Select(s => new { start = s, lengthMinutes = 5, channel = "in-person" }).ToArray() }),
        };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await http.SendAsync(post)).EnsureSuccessStatusCode();
        return starts.Select(s => (scheduleId, s.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture) + "-00")).ToList();
    }

    private static async Task<Round> RunRoundAsync(
        HttpClient http, TokenFactory tokens, string name, IReadOnlyList<(string Schedule, string Slot)> targets, List<string> people, int concurrency)
    {
        // Tokens are minted before the clock starts: signing is the client's cost, not the API's.
        var requests = targets.Select((t, i) => (t.Schedule, t.Slot, Token: tokens.Citizen(people[i % people.Count]))).ToList();
        var latencies = new ConcurrentBag<double>();
        int created = 0, conflicts = 0, other = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (r, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/persons/me/appointments")
            {
                Content = JsonContent.Create(new { scheduleId = r.Schedule, slotId = r.Slot }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", r.Token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, token);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created: Interlocked.Increment(ref created); latencies.Add(elapsed); break;
                case HttpStatusCode.Conflict: Interlocked.Increment(ref conflicts); break;
                default: Interlocked.Increment(ref other); break;
            }
        });
        var sorted = latencies.Order().ToArray();
        return new Round(name, requests.Count, created, conflicts, other, clock.Elapsed, Summary.Of(sorted), Summary.Percentile(sorted, 99));
    }

    public static void Print(IReadOnlyList<Round> rounds) => Format.Table(
        "Booking through the LocalHost (POST /api/v1/persons/me/appointments)",
        ["round", "requests", "201", "409", "other", "bookings/s", "p50 ms", "p99 ms", "max ms"],
        rounds.Select(r => (IReadOnlyList<string>)
        [
            r.Name, r.Requests.ToString(CultureInfo.InvariantCulture), r.Created.ToString(CultureInfo.InvariantCulture),
            r.Conflicts.ToString(CultureInfo.InvariantCulture), r.Other.ToString(CultureInfo.InvariantCulture),
            Format.N(r.Created / r.Elapsed.TotalSeconds, 1), Format.Ms(r.Latency.Median), Format.Ms(r.P99), Format.Ms(r.Latency.Max),
        ]));
}
