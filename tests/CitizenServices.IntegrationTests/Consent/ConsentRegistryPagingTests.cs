namespace CitizenServices.IntegrationTests.Consent;

/// <summary>A catalog with one definition of its own, so the paging does not depend on what the committed catalog holds.</summary>
public sealed class PagingFixture : ConsentAppFixture
{
    public static readonly string DefinitionId = $"paging-{Guid.NewGuid():N}"[..24];

    public PagingFixture() => WithCatalog(Definition(DefinitionId, "consent", "1.0"));
}

/// <summary>
/// The sector's paged list of people with an active decision, over 1,000 people who decided through the API. Their 1,030
/// pending events stay in this app's own storage account, so no other test's relay batch sees them.
/// </summary>
public sealed class ConsentRegistryPagingTests(PagingFixture app) : IClassFixture<PagingFixture>
{
    private const int People = 1000;

    [Fact]
    public async Task Registry_WhenPagingThroughAThousandPersons_ListsEachActiveOneExactlyOnce()
    {
        var people = SyntheticPeople.FreshNumbers(People + 30).ToList();

        await ListEachActivePersonOnceAsync(people);
    }

    private async Task ListEachActivePersonOnceAsync(List<string> people)
    {
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (person, _) =>
        {
            using var response = await app.DecideAsync(person, "me", PagingFixture.DefinitionId, "given", "1.0");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        // Thirty change their mind: the list holds only decisions in force.
        var withdrawn = people.Skip(People).ToHashSet();
        foreach (var person in withdrawn)
        {
            using var response = await app.DecideAsync(person, "me", PagingFixture.DefinitionId, "withdrawn", "1.0");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var registry = app.Registry();
        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = "?pageSize=97" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{PagingFixture.DefinitionId}/persons{query}");
            var persons = page.GetProperty("persons").EnumerateArray().ToList();
            Assert.All(persons, p => Assert.Equal("given", p.GetProperty("decision").GetString()));
            listed.AddRange(persons.Select(p => p.GetProperty("nationalIdentityNumber").GetString()!));
            token = page.GetProperty("continuationToken").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuationToken").GetString();
            pages++;
            Assert.True(token is null || persons.Count == 97, "only the last page may be short");
        }
        while (token is not null && pages < 100);

        Assert.Equal(11, pages);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(people.Except(withdrawn).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=1001", "pageSize")]
    [InlineData("?continuationToken=not-a-token", "continuationToken")]
    public async Task Registry_WhenThePagingParametersAreInvalid_IsABadRequestNamingTheField(string query, string field)
    {
        using var registry = app.Registry();
        using var response = await registry.GetAsync(new Uri($"/api/v1/registry/consent-definitions/{PagingFixture.DefinitionId}/persons{query}", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }
}
