namespace CitizenServices.IntegrationTests.Representation;

/// <summary>
/// Parents from the committed seed register (docs/population-register.md) through real HTTP: the listings, the
/// enforcement point on a real subject-scoped endpoint, and the address-protection rule.
/// </summary>
public sealed class RepresentationApiTests(RepresentationAppFixture app) : IClassFixture<RepresentationAppFixture>
{

    private const string Forbidden = "https://citizen-services.helsenorge.no/problems/forbidden";

    private static readonly string[] FullScope =
        ["access-log", "appointments", "appointments-primary-care", "consents", "health-records", "messages", "prescriptions", "representation"];

    private static readonly string[] RestrictedScope = ["access-log", "appointments-primary-care", "consents", "representation"];

    private static Uri Path(string subject, string what) => new($"/api/v1/persons/{subject}/{what}", UriKind.Relative);

    private async Task<JsonElement[]> RepresentedAsync(string caller)
    {
        using var client = app.Citizen(caller);
        using var response = await client.GetAsync(Path("me", "represented"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("persons").EnumerateArray().ToArray();
    }

    private static JsonElement Person(JsonElement[] persons, string id) =>
        Assert.Single(persons, p => p.GetProperty("nationalIdentityNumber").GetString() == id);

    private static string[] Scopes(JsonElement person) =>
        Assert.Single(person.GetProperty("representations").EnumerateArray().ToArray())
            .GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray();

    [Fact]
    public async Task Represented_WhenParentOfTenYearOld_ListsTheChildWithFullScopeUntilTheTwelfthBirthday()
    {
        app.Today(2025, 6, 1); // Noah is 10, Emma 5

        var persons = await RepresentedAsync(Seed.KariMother);

        var noah = Person(persons, Seed.NoahTurning12);
        Assert.Equal("Noah Hansen", noah.GetProperty("name").GetString());
        Assert.Equal("2015-01-20", noah.GetProperty("birthDate").GetString());
        var basis = Assert.Single(noah.GetProperty("representations").EnumerateArray().ToArray());
        Assert.Equal("parent", basis.GetProperty("kind").GetString());
        Assert.StartsWith("parent-", basis.GetProperty("relationId").GetString(), StringComparison.Ordinal);
        Assert.Equal(FullScope, Scopes(noah));
        Assert.Equal(new DateTimeOffset(2027, 1, 20, 0, 0, 0, TimeSpan.FromHours(1)), basis.GetProperty("validTo").GetDateTimeOffset());
        Assert.Equal(2, persons.Length);
    }

    [Fact]
    public async Task Represented_WhenParentOfThirteenYearOld_ListsTheChildWithRestrictedScope()
    {
        app.Today(2025, 6, 1); // Ida is 13, Jonas 14

        var persons = await RepresentedAsync(Seed.LarsFatherOfTeenagers);

        Assert.Equal(RestrictedScope, Scopes(Person(persons, Seed.IdaBornOnLeapDay)));
        Assert.Equal(RestrictedScope, Scopes(Person(persons, Seed.JonasTurning16)));
    }

    [Fact]
    public async Task Represented_WhenChildTurnsSixteen_IsNoLongerListedFromTheBirthday()
    {
        app.Today(2027, 2, 9);
        var before = await RepresentedAsync(Seed.LarsFatherOfTeenagers);
        app.Today(2027, 2, 10); // Jonas's 16th birthday
        var on = await RepresentedAsync(Seed.LarsFatherOfTeenagers);

        Assert.Contains(before, p => p.GetProperty("nationalIdentityNumber").GetString() == Seed.JonasTurning16);
        Assert.DoesNotContain(on, p => p.GetProperty("nationalIdentityNumber").GetString() == Seed.JonasTurning16);
        Assert.Equal(RestrictedScope, Scopes(Person(on, Seed.IdaBornOnLeapDay)));
    }

    [Fact]
    public async Task Represented_WhenChildTurnsTwelve_ScopeIsRestrictedFromTheBirthday()
    {
        app.Today(2027, 1, 19);
        var before = await RepresentedAsync(Seed.KariMother);
        app.Today(2027, 1, 20);
        var on = await RepresentedAsync(Seed.KariMother);

        Assert.Equal(FullScope, Scopes(Person(before, Seed.NoahTurning12)));
        Assert.Equal(RestrictedScope, Scopes(Person(on, Seed.NoahTurning12)));
        Assert.Equal(FullScope, Scopes(Person(on, Seed.EmmaUnder12)));
    }

    [Fact]
    public async Task Represented_WhenOnlyChildIsSeventeen_IsEmpty()
    {
        app.Today(2026, 12, 1);

        Assert.Empty(await RepresentedAsync(Seed.AndersFatherOfHenrik));
    }

    [Fact]
    public async Task ParentOfChildUnderTwelveLivingWithNeitherParent_IsNotListedAndIsDenied()
    {
        app.Today(2026, 12, 1);
        using var client = app.Citizen(Seed.MarteMotherLivingApart);

        var persons = await RepresentedAsync(Seed.MarteMotherLivingApart);
        using var response = await client.GetAsync(Path(Seed.LukasLivingWithGrandmother, "access-log"));

        Assert.Empty(persons);
        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Forbidden);
    }

    [Fact]
    public async Task AccessLog_WhenParentReadsChildUnderTwelve_IsServedAndLoggedForTheChildOnParentBasis()
    {
        app.Today(2026, 12, 1);
        var correlationId = "corr-parent-" + Guid.NewGuid().ToString("N")[..8];
        var relationId = Person(await RepresentedAsync(Seed.OlaFather), Seed.EmmaUnder12)
            .GetProperty("representations")[0].GetProperty("relationId").GetString();
        using var ola = app.Citizen(Seed.OlaFather);
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(Seed.EmmaUnder12, "access-log"));
        request.Headers.Add("X-Correlation-Id", correlationId);

        using var response = await ola.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var emma = app.Citizen(Seed.EmmaUnder12);
        var log = await emma.GetFromJsonAsync<JsonElement>(Path("me", "access-log"));
        var entry = log.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("correlationId").GetString() == correlationId);
        Assert.Equal("parent", entry.GetProperty("basisKind").GetString());
        Assert.Equal(relationId, entry.GetProperty("relationId").GetString());
        Assert.Equal("Ola Hansen", entry.GetProperty("actorName").GetString());
        Assert.Equal("029183*****", entry.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task Representatives_WhenParentOfThirteenYearOldAsks_ListsBothParentsWithMaskedNumbers()
    {
        app.Today(2025, 6, 1);
        using var client = app.Citizen(Seed.LarsFatherOfTeenagers);

        var body = await client.GetFromJsonAsync<JsonElement>(Path(Seed.IdaBornOnLeapDay, "representatives"));

        var persons = body.GetProperty("persons").EnumerateArray().ToArray();
        Assert.Equal(
            new[] { "048479*****", "258880*****" },
            persons.Select(p => p.GetProperty("maskedNationalIdentityNumber").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(persons, p => Assert.Equal(RestrictedScope, Scopes(p)));
    }

    [Fact]
    public async Task Representatives_WhenChildIsSixteen_ParentIsDenied()
    {
        app.Today(2027, 2, 10);
        using var client = app.Citizen(Seed.LarsFatherOfTeenagers);

        using var response = await client.GetAsync(Path(Seed.JonasTurning16, "representatives"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Forbidden);
    }

    [Fact]
    public async Task Represented_WhenAskedForSomeoneElse_IsDeniedEvenForTheirParent()
    {
        app.Today(2026, 12, 1);
        using var client = app.Citizen(Seed.KariMother);

        using var response = await client.GetAsync(Path(Seed.EmmaUnder12, "represented"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Forbidden);
    }

    [Fact]
    public async Task ParentWithConfidentialAddress_IsNeitherListedNorAllowed_WhileTheOtherParentIs()
    {
        app.Today(2026, 12, 1);
        using var camilla = app.Citizen(Seed.CamillaConfidentialAddress);
        using var espen = app.Citizen(Seed.EspenFatherOfAksel);
        using var aksel = app.Citizen(Seed.AkselChildOfConfidentialMother);

        var camillaList = await RepresentedAsync(Seed.CamillaConfidentialAddress);
        using var camillaRead = await camilla.GetAsync(Path(Seed.AkselChildOfConfidentialMother, "access-log"));
        using var espenRead = await espen.GetAsync(Path(Seed.AkselChildOfConfidentialMother, "access-log"));
        var representatives = await aksel.GetFromJsonAsync<JsonElement>(Path("me", "representatives"));

        Assert.Empty(camillaList);
        await ProblemAssert.IsProblem(camillaRead, HttpStatusCode.Forbidden, Forbidden);
        Assert.Equal(HttpStatusCode.OK, espenRead.StatusCode);
        Assert.Equal("Espen Vik", Assert.Single(representatives.GetProperty("persons").EnumerateArray().ToArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task PersonWithStrictlyConfidentialAddress_HasNoRepresentativesAndRepresentsNobody()
    {
        app.Today(2026, 12, 1);
        using var nora = app.Citizen(Seed.NoraStrictlyConfidential);

        var represented = await RepresentedAsync(Seed.NoraStrictlyConfidential);
        var representatives = await nora.GetFromJsonAsync<JsonElement>(Path("me", "representatives"));

        Assert.Empty(represented);
        Assert.Empty(representatives.GetProperty("persons").EnumerateArray());
    }
}
