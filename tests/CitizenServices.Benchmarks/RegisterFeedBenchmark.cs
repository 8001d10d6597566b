using CitizenServices.Application.Authorization;
using CitizenServices.Application.Events;
using CitizenServices.Application.PopulationRegister;
using CitizenServices.Application.PopulationRegister.Feed;
using CitizenServices.Application.Representation;
using CitizenServices.Domain.Authorization;
using CitizenServices.FolkeregisterDouble;
using CitizenServices.Infrastructure.Authorization;
using CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CitizenServices.Benchmarks;

/// <summary>
/// <c>register</c>: a synthetic population (families of two parents and two children) in a register double, ingested from
/// zero by the follower through the real client (Maskinporten token, resilience handlers, bulk lookups of 100) into the
/// replica on Azurite: persons per second. Then replica lag: a parent who is the only one at the child's address moves
/// out, and the time from the event's append until the enforcement point's decision for that parent changes, with the
/// follower polling back to back (the deployed timer adds its interval, 10 s, on top: see docs/performance.md).
/// </summary>
internal static class RegisterFeedBenchmark
{
    public static async Task<int> RunAsync(Azurite azurite, int persons, int lagSamples)
    {
        await using var register = await RegisterDoubleHost.StartAsync(seeded: false);
        var families = MakeFamilies(register.Population, persons / 4);
        var feed = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(register.AppSettings(feed))
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:CreateResourcesAtStartup"] = "true",
            ["PopulationRegister:Folkeregisteret:MaxPagesPerRun"] = "1000",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IConfiguration>(configuration)
            .AddCitizenServicesStorage(configuration)
            .AddCitizenServicesEventStores(configuration)
            .AddPopulationRegisterReplica(configuration)
            .BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        FollowRegisterFeedHandler Follower() => new(
            services.GetRequiredService<IRegisterFeedSource>(), services.GetRequiredService<IRegisterReplica>(),
            services.GetRequiredService<IParkingLot>(), services.GetRequiredService<RegisterFeedLag>(), TimeProvider.System, [], [])
        { Feed = feed };

        Console.Error.WriteLine($"ingesting {register.Population.LastSequence:N0} events ({families.Count * 4:N0} persons) from zero");
        var clock = Stopwatch.StartNew();
        var applied = 0;
        while (true)
        {
            var run = await Follower().HandleAsync(1000, CancellationToken.None);
            applied += run.PersonsApplied;
            if (run.CaughtUp)
            {
                break;
            }
        }

        var ingest = clock.Elapsed;
        Console.WriteLine($"register ingest from zero: {applied:N0} persons applied in {ingest.TotalSeconds:N1} s = {applied / ingest.TotalSeconds:N0} persons/s");

        var lags = new List<double>();
        var time = TimeProvider.System;
        for (var i = 0; i < lagSamples && i < families.Count; i++)
        {
            var (mother, father, child) = families[i];
            using var scope = services.CreateScope();
            var decider = Decider(services, scope.ServiceProvider);
            var before = await decider.DecideAsync(mother, child, Scope.AccessLog, CancellationToken.None);
            if (!before.IsAllowed)
            {
                throw new InvalidOperationException("The family is not set up as expected.");
            }

            register.Population.Change(p =>
            {
                p.Get(father.Value).Residence = new DoubleAddress("0301", "9998", "Benkgata", i + 1, null, "H0101");
                p.Get(mother.Value).Residence = new DoubleAddress("0301", "9999", "Benkgata", i + 1, null, "H0101");
                return (0, new[] { (father.Value, "endringIBostedsadresse"), (mother.Value, "endringIBostedsadresse") });
            });
            var appended = Stopwatch.StartNew();
            while (true)
            {
                await Follower().HandleAsync(10, CancellationToken.None);
                using var check = services.CreateScope();
                if (!(await Decider(services, check.ServiceProvider).DecideAsync(mother, child, Scope.AccessLog, CancellationToken.None)).IsAllowed)
                {
                    break;
                }
            }

            lags.Add(appended.Elapsed.TotalMilliseconds);
        }

        lags.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replica lag, event appended -> decision changed (follower polling back to back), {lags.Count} samples: p50 {Percentile(lags, 0.5):N0} ms, p95 {Percentile(lags, 0.95):N0} ms, max {lags[^1]:N0} ms"));
        await services.DisposeAsync();
        return 0;
    }

    private static SubjectAccessDecider Decider(IServiceProvider root, IServiceProvider scope)
    {
        var records = new TableSubjectRecords(root.GetRequiredService<TableStore>().Table(StorageNames.Tables.People));
        return new SubjectAccessDecider(
            [new ParentRepresentationSource(records, TimeProvider.System)], records, root.GetRequiredService<IPopulationRegister>(), TimeProvider.System);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static List<(NationalIdentityNumber Mother, NationalIdentityNumber Father, NationalIdentityNumber Child)> MakeFamilies(Population population, int count)
    {
        var families = new List<(NationalIdentityNumber, NationalIdentityNumber, NationalIdentityNumber)>();
        for (var i = 0; i < count; i++)
        {
            var family = population.Change(p =>
            {
                var home = new DoubleAddress("0301", (10_000 + i).ToString(CultureInfo.InvariantCulture), "Benkveien", (i % 200) + 1, null, "H0101");
                var born = new DateOnly(1970, 1, 1).AddDays(i % 9000);
                var mother = Person(p, p.NewNumber(born), "Mor", home);
                var father = Person(p, p.NewNumber(born.AddDays(-400)), "Far", home);
                var children = new[] { new DateOnly(2016, 1, 1).AddDays(i % 1500), new DateOnly(2019, 6, 1).AddDays(i % 1500) }
                    .Select(d =>
                    {
                        var child = Person(p, p.NewNumber(d), "Barn", home);
                        child.ResponsibleParents.AddRange([mother.Id, father.Id]);
                        return child;
                    }).ToList();
                var events = new[] { mother, father }.Concat(children).Select(x => (x.Id, "personErOpprettet"));
                return ((NationalIdentityNumber.Parse(mother.Id), NationalIdentityNumber.Parse(father.Id), NationalIdentityNumber.Parse(children[1].Id)), events);
            });
            families.Add(family);
        }

        return families;
    }

    private static DoublePerson Person(Population population, string id, string given, DoubleAddress home)
    {
        var person = new DoublePerson { Id = id, GivenName = given, FamilyName = "Benk", Municipality = "0301", Residence = home };
        population.Add(person);
        return person;
    }
}
