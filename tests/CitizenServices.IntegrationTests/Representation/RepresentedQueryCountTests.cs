using CitizenServices.Infrastructure.Authorization;
using CitizenServices.Infrastructure.Representation;

namespace CitizenServices.IntegrationTests.Representation;

/// <summary>
/// Storage requests of the two hot reads, counted by a pipeline policy on the app's <see cref="TableServiceClient"/>, so
/// the count is what Table Storage would see. The people come from a register double of the class's own, followed into
/// the replica by the app's follower: a representative with 50 relations (issue 5), and a parent with a child (issue 20).
/// </summary>
public sealed class RepresentedQueryCountTests : IAsyncLifetime
{
    private const int Relations = 50;
    private const int Guardianships = 5;

    private readonly StorageRequestRecorder _recorder = new();
    private RegisterDoubleHost _register = null!;
    private CitizenServicesFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _register = await RegisterDoubleHost.StartAsync(seeded: false);
        _factory = new CitizenServicesFactory { Register = _register, TablePolicy = _recorder };
        await _factory.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _register.DisposeAsync();
    }

    [Fact]
    public async Task Represented_WhenThePersonHoldsFiftyRelationsOfTwoKinds_ListsThemAllFromTwoPartitionQueries()
    {
        var representative = await AdultAsync("Representant", 1975, 1);
        var principals = new List<string>();
        for (var i = 0; i < Relations; i++)
        {
            principals.Add(await AdultAsync("Principal" + i, 1960 + (i % 30), 2 + i));
        }

        foreach (var ward in principals.Take(Guardianships))
        {
            await _register.PostAsync($"testdouble/persons/{ward}/guardians", new { guardian = representative, personal = true, financial = false, health = true });
        }

        await _factory.FollowRegisterAsync();
        foreach (var principal in principals.Skip(Guardianships))
        {
            await GrantAsync(principal, representative);
        }

        _recorder.Reset();
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(representative));
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative));
        var requests = _recorder.Requests;

        var persons = body.GetProperty("persons").EnumerateArray().ToList();
        Assert.Equal(principals.ToHashSet(), persons.Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToHashSet());
        var kinds = persons.SelectMany(p => p.GetProperty("representations").EnumerateArray().Select(b => b.GetProperty("kind").GetString())).ToList();
        Assert.Equal(Guardianships, kinds.Count(k => k == "guardian"));
        Assert.Equal(Relations - Guardianships, kinds.Count(k => k == "fullmakt"));

        // Two queries, both of the caller's own partitions: the caller's record (own facts and copies of the facts of
        // everyone they act for) and the shared index by representative. No principal's partition is read.
        Assert.Equal(
            [
                new StorageRequest("GET", StorageNames.Tables.People, TableSubjectRecords.Filter(Number(representative))),
                new StorageRequest("GET", StorageNames.Tables.RepresentationsByRepresentative, $"PartitionKey eq '{representative}'"),
            ],
            requests.OrderBy(r => r.Resource, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Representatives_WhenAParentReadsTheirChildsList_CostsOnePartitionQueryPlusTheAccessLogAppend()
    {
        var address = new { municipality = "0301", addressCode = "4711", streetName = "Telleveien", houseNumber = 3, houseLetter = (string?)null, unit = "H0201" };
        var mother = await _register.PostAsync("testdouble/persons", new { givenName = "Tone", familyName = "Telle", birthDate = "1988-04-04", address });
        var father = await _register.PostAsync("testdouble/persons", new { givenName = "Tor", familyName = "Telle", birthDate = "1987-03-03", address });
        var child = await _register.PostAsync("testdouble/births", new { givenName = "Tiril", birthDate = "2021-06-01", parents = new[] { mother, father } });
        await _factory.FollowRegisterAsync();

        _recorder.Reset();
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(mother!));
        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{child}/representatives", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var requests = _recorder.Requests;

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var listed = JsonDocument.Parse(text).RootElement.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Tone Telle", "Tor Telle"], listed.Order(StringComparer.Ordinal));

        // The decision and the listing: one query of the child's partition of table people. The rest is the access-log
        // append for the child (its head read and its transaction), which every request on someone's behalf makes.
        var reads = requests.Where(r => r.Resource is not (StorageNames.Tables.AccessLog or "$batch")).ToList();
        Assert.Equal([new StorageRequest("GET", StorageNames.Tables.People, TableSubjectRecords.Filter(Number(child!)))], reads);
        Assert.Contains(requests, r => r.Resource == "$batch");
        Assert.True(requests.Count(r => r.Resource == StorageNames.Tables.AccessLog) <= 1, string.Join("; ", requests));
    }

    private static Domain.Identity.NationalIdentityNumber Number(string id) => Domain.Identity.NationalIdentityNumber.Parse(id);

    private async Task<string> AdultAsync(string given, int year, int house) =>
        (await _register.PostAsync("testdouble/persons", new
        {
            givenName = given,
            familyName = "Telling",
            birthDate = $"{year}-05-05",
            address = new { municipality = "0301", addressCode = "5000", streetName = "Tellegata", houseNumber = house, houseLetter = (string?)null, unit = "H0101" },
        }))!;

    private async Task GrantAsync(string giver, string representative)
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(giver));
        using var content = new StringContent(
            JsonSerializer.Serialize(new { representative, serviceAreas = new[] { "appointments" } }), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
