using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.PopulationRegister;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.IntegrationTests.Events;
using CitizenServices.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenServices.IntegrationTests.Representation;

/// <summary>
/// Acceptance (issue 5): <c>represented</c> for a person with 50 relations answers from one partition query. Every
/// request the app's <see cref="TableServiceClient"/> sends is recorded by a pipeline policy, so the count is what
/// Table Storage would see.
/// </summary>
/// <remarks>
/// The 50 principals are synthetic numbers that are not in the seed. The enforcement point and the listing deny
/// people unknown to the register (address protection cannot be ruled out), so the test registers a population
/// register that knows them (plain adults, no protection) in front of the seed one, instead of weakening that rule.
/// </remarks>
public sealed class RepresentedQueryCountTests : IAsyncLifetime
{
    private const int Relations = 50;
    private const int Guardianships = 5;

    private readonly TableRequestRecorder _recorder = new();
    private readonly SyntheticPeople _people = new();
    private readonly CitizenServicesFactory _factory;

    public RepresentedQueryCountTests()
    {
        _factory = new CitizenServicesFactory
        {
            ConfigureServices = services =>
            {
                // Registered after the app's own, so these win: the same storage account, seen through the recorder.
                services.AddSingleton(sp =>
                {
                    var options = new TableClientOptions();
                    options.AddPolicy(_recorder, HttpPipelinePosition.PerRetry);
                    return new TableStore(new TableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options));
                });
                services.AddSingleton<IPopulationRegister>(sp => new KnownPeopleRegister(sp.GetRequiredService<SeedFilePopulationRegister>(), _people));
            },
        };
    }

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Represented_WhenThePersonHoldsFiftyRelationsOfTwoKinds_ListsThemAllFromOnePartitionQuery()
    {
        var seed = _factory.Services.GetRequiredService<SeedFilePopulationRegister>();
        var representative = _people.Add(new DateOnly(1975, 5, 5), 0);
        var principals = Enumerable.Range(0, Relations).Select(i => _people.Add(new DateOnly(1960, 1, 1).AddDays(97 * i), 1)).ToList();
        foreach (var person in principals.Append(representative))
        {
            Assert.Null(await seed.FindAsync(person, default));
        }

        await ClearAsync(representative, principals);
        foreach (var principal in principals.Skip(Guardianships))
        {
            await GrantAsync(principal, representative);
        }

        foreach (var ward in principals.Take(Guardianships))
        {
            await AppointAsync(ward, representative);
        }

        _recorder.Reset();
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(representative.Value));
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative));
        var requests = _recorder.Requests;

        var persons = body.GetProperty("persons").EnumerateArray().ToList();
        var listed = persons.Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToHashSet();
        Assert.Equal(principals.Select(p => p.Value).ToHashSet(), listed);
        var kinds = persons.SelectMany(p => p.GetProperty("representations").EnumerateArray().Select(b => b.GetProperty("kind").GetString())).ToList();
        Assert.Equal(Guardianships, kinds.Count(k => k == "guardian"));
        Assert.Equal(Relations - Guardianships, kinds.Count(k => k == "fullmakt"));

        // Exactly one table request: a query of the caller's own partition of the shared index. No principal's
        // partition is read, and no kind has a table of its own to ask.
        var request = Assert.Single(requests);
        Assert.Equal(
            new TableRequest("GET", StorageNames.Tables.RepresentationsByRepresentative, $"PartitionKey eq '{representative.Value}'"),
            request);
    }

    private async Task GrantAsync(NationalIdentityNumber giver, NationalIdentityNumber representative)
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(giver.Value));
        using var content = new StringContent(
            JsonSerializer.Serialize(new { representative = representative.Value, serviceAreas = new[] { "appointments" } }), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A guardianship with a health mandate from the register feed, through the inbox function as the host delivers it.</summary>
    private async Task AppointAsync(NationalIdentityNumber ward, NationalIdentityNumber guardian)
    {
        var change = new
        {
            schemaVersion = 1,
            changeId = Guid.NewGuid(),
            kind = "appointed",
            guardianshipId = Guid.NewGuid(),
            ward = ward.Value,
            guardian = guardian.Value,
            mandate = new[] { "health" },
            validFrom = "2020-01-01",
            validTo = (string?)null,
            decisionReference = "SFVL 2026/0050",
            registeredAt = DateTimeOffset.UtcNow,
        };
        using var client = _factory.CreateClient();
        using var content = new StringContent(Payloads.ServiceBus(JsonSerializer.Serialize(change), "m-" + Guid.NewGuid()), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/GuardianshipInbox", UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The numbers are deterministic, so an Azurite kept between runs may hold an earlier run's rows.</summary>
    private async Task ClearAsync(NationalIdentityNumber representative, IEnumerable<NationalIdentityNumber> principals)
    {
        var tables = _factory.Services.GetRequiredService<TableStore>();
        var partitions = principals.SelectMany(p => new[] { (StorageNames.Tables.Fullmakt, p.Value), (StorageNames.Tables.Guardianship, p.Value) })
            .Append((StorageNames.Tables.RepresentationsByRepresentative, representative.Value));
        foreach (var (name, partition) in partitions)
        {
            var table = tables.Table(name);
            foreach (var row in await table.QueryPartitionAsync<TableEntity>(partition).ToListAsync())
            {
                await table.DeleteAsync(row.PartitionKey, row.RowKey);
            }
        }
    }

    private sealed record TableRequest(string Method, string Table, string? Filter)
    {
        public override string ToString() => $"{Method} {Table} {Filter}";
    }

    /// <summary>Records every request sent to the Table endpoint: method, table and query filter.</summary>
    private sealed class TableRequestRecorder : HttpPipelinePolicy
    {
        private readonly ConcurrentQueue<TableRequest> _requests = new();

        public IReadOnlyList<TableRequest> Requests => [.. _requests];

        public void Reset() => _requests.Clear();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message)
        {
            var uri = message.Request.Uri.ToUri();
            // Azurite's path is /{account}/{table}(...) ; the service's is /{table}(...).
            var table = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Last().Split('(')[0];
            var filter = System.Web.HttpUtility.ParseQueryString(uri.Query)["$filter"];
            _requests.Enqueue(new TableRequest(message.Request.Method.Method, table, filter));
        }
    }

    /// <summary>Valid synthetic (month + 80) adults made up by the test, registered with no address protection.</summary>
    private sealed class SyntheticPeople
    {
        private readonly ConcurrentDictionary<NationalIdentityNumber, RegisteredPerson> _people = new();

        public RegisteredPerson? Find(NationalIdentityNumber id) => _people.GetValueOrDefault(id);

        /// <summary>The <paramref name="skip"/>-th valid synthetic number for the birth date (1900s individual numbers).</summary>
        public NationalIdentityNumber Add(DateOnly birth, int skip)
        {
            var found = 0;
            for (var individual = 0; individual < 500; individual++)
            {
                var digits = $"{birth.Day:00}{birth.Month + 80:00}{birth.Year % 100:00}{individual:000}";
                if (Control(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2]) is not { } k1 || Control(digits + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) is not { } k2
                    || found++ != skip)
                {
                    continue;
                }

                var id = NationalIdentityNumber.Parse($"{digits}{k1}{k2}");
                _people[id] = new RegisteredPerson
                {
                    Id = id,
                    GivenName = "Test",
                    FamilyName = "Person " + id.Value[..6],
                    MunicipalityNumber = "0301",
                    AddressId = "adr-test-" + id.Value[..6],
                    AddressProtection = AddressProtection.None,
                };
                return id;
            }

            throw new InvalidOperationException($"No synthetic number for {birth}.");
        }

        private static int? Control(string digits, int[] weights)
        {
            var control = 11 - (weights.Select((w, i) => w * (digits[i] - '0')).Sum() % 11);
            return control switch { 11 => 0, 10 => null, _ => control };
        }
    }

    /// <summary>The seed register plus the test's synthetic people.</summary>
    private sealed class KnownPeopleRegister(IPopulationRegister seed, SyntheticPeople people) : IPopulationRegister
    {
        public async Task<RegisteredPerson?> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken) =>
            people.Find(id) ?? await seed.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<RegisteredPerson>> FindChildrenAsync(NationalIdentityNumber parent, CancellationToken cancellationToken) =>
            seed.FindChildrenAsync(parent, cancellationToken);
    }
}
