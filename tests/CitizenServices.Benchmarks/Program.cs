using CitizenServices.Benchmarks;

// dotnet run -c Release --project tests/CitizenServices.Benchmarks -- events [--rate 5] [--seconds 30] [--poll-ms 100]
// dotnet run -c Release --project tests/CitizenServices.Benchmarks -- booking [--reps 3] [--requests 400] [--concurrency 16]
// dotnet run -c Release --project tests/CitizenServices.Benchmarks -- register [--persons 10000]
// load-prepare <base-url> <out-dir> <schedule-id> <slots> <attempts> / load-check <connection-string> <schedule-id>:
//   steps of scripts/load.sh (see LoadFixture); load-burst <base-url> <token-file> <requests> <concurrency> <health-every>:
//   the health-under-burst step (see HealthBurst).
// A Stopwatch harness, not BenchmarkDotNet: see docs/performance.md ("How we measure").
if (args is ["load-prepare", var baseUrl, var outDir, var scheduleId, var slots, var attempts])
{
    return await LoadFixture.PrepareAsync(new Uri(baseUrl), outDir, scheduleId,
        int.Parse(slots, CultureInfo.InvariantCulture), int.Parse(attempts, CultureInfo.InvariantCulture));
}

if (args is ["load-burst", var burstUrl, var tokenFile, var burstTotal, var burstConcurrency, var healthEvery])
{
    return await HealthBurst.RunAsync(new Uri(burstUrl), tokenFile, int.Parse(burstTotal, CultureInfo.InvariantCulture),
        int.Parse(burstConcurrency, CultureInfo.InvariantCulture), int.Parse(healthEvery, CultureInfo.InvariantCulture));
}

if (args is ["load-check", var connectionString, var checkedSchedule])
{
    return await LoadFixture.CheckAsync(connectionString, checkedSchedule);
}

if (args is ["register", .. var registerArgs])
{
    var persons = registerArgs is ["--persons", var n, ..] ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000;
    MachineInfo.Print();
    return await RegisterFeedBenchmark.RunAsync(await Azurite.SharedAsync(), persons, lagSamples: 40);
}

if (args.Length == 0 || args[0] is not ("events" or "booking"))
{
    Console.Error.WriteLine("usage: events [--rate events/s] [--seconds S] [--poll-ms MS]");
    Console.Error.WriteLine("       booking [--reps N] [--requests N] [--concurrency N]");
    return 2;
}

var settings = BenchmarkSettings.Parse(args.Skip(1).ToArray());
var total = Stopwatch.StartNew();
MachineInfo.Print();

Console.Error.WriteLine("starting Azurite");
var azurite = await Azurite.SharedAsync();

if (args[0] == "booking")
{
    BookingLoad.Print(await new BookingLoad(azurite, settings).RunAsync());
    Console.WriteLine();
    Console.WriteLine($"total time {total.Elapsed.TotalSeconds.ToString("N0", CultureInfo.InvariantCulture)} s");
    return 0;
}

SweepSchedule.Print(RepositoryRoot.Find());

var result = await new EndToEndDelay(azurite, settings).RunAsync();
EndToEndDelay.Print(result, settings);

Console.WriteLine();
Console.WriteLine($"total time {total.Elapsed.TotalSeconds.ToString("N0", CultureInfo.InvariantCulture)} s");
return 0;
