namespace CitizenServices.Benchmarks;

/// <summary>
/// <c>load-burst</c>, a step of <c>scripts/load.sh</c>: a burst of real API reads with health checks among them, every
/// request counted (wrk stops its threads with requests in flight, so it cannot say what each of a fixed number of
/// requests answered). Fails (exit code 1) when any health answer is a 5xx or a request gets no answer: health must tell
/// the truth under load, and the truth here is that every real request succeeds.
/// </summary>
internal static class HealthBurst
{
    private static readonly string[] HealthPaths = ["/api/v1/health/live", "/api/v1/health/ready", "/api/v1/health"];
    private const string RealPath = "/api/v1/persons/me/represented";

    /// <param name="healthEvery">Every n-th request is a health check (rotating live, ready and the original route).</param>
    public static async Task<int> RunAsync(Uri baseUrl, string tokenFile, int total, int concurrency, int healthEvery)
    {
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseUrl,
            // Long enough that "no answer" means the service hung, not that 200 requests queued on a busy 2-core machine.
            Timeout = TimeSpan.FromSeconds(120),
        };
        var results = new ConcurrentBag<(string Path, int Status, double Milliseconds)>();
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var health = i % healthEvery == 0;
                var path = health ? HealthPaths[i / healthEvery % HealthPaths.Length] : RealPath;
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (!health)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                var started = Stopwatch.GetTimestamp();
                int status;
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    status = (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }

                results.Add((path, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        }));
        wall.Stop();

        var all = results.ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst: {all.Count} requests, {concurrency} concurrent, {wall.Elapsed.TotalSeconds:0.0} s, {all.Count / wall.Elapsed.TotalSeconds:0} req/s"));
        Console.WriteLine("| requests | count | statuses | p50 ms | p99 ms | max ms | 5xx | no answer |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var group in all.GroupBy(r => r.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latencies = group.Select(r => r.Milliseconds).Order().ToList();
            var statuses = string.Join(", ", group.GroupBy(r => r.Status).OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "none" : s.Key)} × {s.Count()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| GET {group.Key} | {group.Count()} | {statuses} | {Percentile(latencies, 50):0.0} | {Percentile(latencies, 99):0.0} | {latencies[^1]:0.0} | {group.Count(r => r.Status >= 500)} | {group.Count(r => r.Status == 0)} |"));
        }

        var healthAnswers = all.Where(r => r.Path != RealPath).ToList();
        var health5xx = healthAnswers.Count(r => r.Status >= 500 || r.Status == 0);
        var real = all.Where(r => r.Path == RealPath).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HEALTH answers={healthAnswers.Count} 5xx={health5xx}; REAL answers={real.Count} non-2xx={real.Count(r => r.Status is < 200 or >= 300)}"));
        return health5xx == 0 && all.Count == total ? 0 : 1;
    }

    /// <summary>Nearest rank: every reported value was observed.</summary>
    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
