using static CitizenServices.IntegrationTests.Sector.SectorFixture;

namespace CitizenServices.IntegrationTests.Sector;

/// <summary>
/// The sector lookups as hospitals and pharmacies use them, with HelseID DPoP tokens and no municipality: the scopes decide,
/// and every lookup lands in the person's access log naming the organisation (number and name), or the health personnel.
/// </summary>
[Collection(SectorSystems.Name)]
public sealed class SectorLookupTests(SectorFixture app)
{
    private readonly DPoPKey _key = DPoPKey.NewEcdsa();

    [Fact]
    public async Task HospitalLookup_WhenThePersonHasReserved_AnswersTheReservationAndTheLogNamesTheHospital()
    {
        var token = app.Tokens.Sector(
            Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], _key.Thumbprint, subUnit: HospitalEmergencyDepartment, clientId: "dips-arena-fjordby");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var (response, correlationId) = await app.SendDPoPAsync(_key, token, LookupPath(Seed.RandiGrandmother));

        var lookup = await Json(response);
        Assert.Equal("reserved", lookup.GetProperty("decision").GetString());
        Assert.True(lookup.GetProperty("active").GetBoolean());
        var entry = await app.LogEntryAsync(Seed.RandiGrandmother, correlationId) ?? throw new Xunit.Sdk.XunitException("No access-log entry for the lookup.");
        Assert.Equal("organisation", entry.GetProperty("actorKind").GetString());
        Assert.Equal($"{Hospital}/{HospitalEmergencyDepartment}", entry.GetProperty("actorId").GetString());
        var organisation = entry.GetProperty("organisation");
        Assert.Equal(Hospital, organisation.GetProperty("number").GetString());
        Assert.Equal("Fjordby sykehus HF", organisation.GetProperty("name").GetString());
        Assert.Equal(HospitalEmergencyDepartment, organisation.GetProperty("subUnitNumber").GetString());
        Assert.Equal("Fjordby sykehus HF, akuttmottaket", organisation.GetProperty("subUnitName").GetString());
        Assert.Equal(JsonValueKind.Null, organisation.GetProperty("hprNumber").ValueKind);
        Assert.Equal("Fjordby sykehus HF, akuttmottaket", entry.GetProperty("actorName").GetString());
        Assert.Equal("consent.lookup", entry.GetProperty("operation").GetString());
        Assert.Equal(SummaryCareRecord, entry.GetProperty("resourceIds").GetProperty("definitionId").GetString());
        Assert.Equal("sector-system", entry.GetProperty("basisKind").GetString());
        Assert.Equal("dips-arena-fjordby", entry.GetProperty("relationId").GetString());
        Assert.Equal("sector-system", entry.GetProperty("channel").GetString());
        Assert.InRange(entry.GetProperty("occurredAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task HealthPersonnelLookup_WhenTheTokenCarriesAnHprNumber_IsLoggedAsHealthPersonnelOfTheOrganisation()
    {
        var token = app.Tokens.Sector(Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], _key.Thumbprint, hprNumber: "565501872");

        var (response, correlationId) = await app.SendDPoPAsync(_key, token, LookupPath(Seed.RandiGrandmother));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await app.LogEntryAsync(Seed.RandiGrandmother, correlationId) ?? throw new Xunit.Sdk.XunitException("No access-log entry for the lookup.");
        Assert.Equal("health-personnel", entry.GetProperty("actorKind").GetString());
        Assert.Equal("565501872", entry.GetProperty("organisation").GetProperty("hprNumber").GetString());
        Assert.Equal("Fjordby sykehus HF", entry.GetProperty("organisation").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AccessLogFhirView_WhenAnOrganisationLookedUp_NamesItByOrganisationNumber()
    {
        var (response, correlationId) = await app.SendDPoPAsync(_key, app.Token(_key, Hospital, "consents.read"), LookupPath(Seed.RandiGrandmother));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var bundle = await app.LogEntryAsync(Seed.RandiGrandmother, correlationId, accept: "application/fhir+json") ?? default;

        var audit = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource"))
            .Single(r => r.GetProperty("entity")[0].GetProperty("detail").EnumerateArray().Any(d => d.GetProperty("valueString").GetString() == correlationId));
        var who = audit.GetProperty("agent")[0].GetProperty("who");
        Assert.Equal("urn:oid:2.16.578.1.12.4.1.4.101", who.GetProperty("identifier").GetProperty("system").GetString());
        Assert.Equal(Hospital, who.GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal("Fjordby sykehus HF", who.GetProperty("display").GetString());
    }

    [Fact]
    public async Task PharmacyLookup_WhenTheTokenLacksTheConsentScope_IsRefusedAndNothingIsLogged()
    {
        var (response, correlationId) = await app.SendDPoPAsync(_key, app.Token(_key, Pharmacy, "representation.read"), LookupPath(Seed.RandiGrandmother));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("consents.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.LogEntryAsync(Seed.RandiGrandmother, correlationId));
    }

    [Fact]
    public async Task PharmacyCheck_WhenAParentLivingWithAChildUnder12Collects_MayActAndTheChildsLogNamesThePharmacy()
    {
        var (response, correlationId) = await app.SendDPoPAsync(
            _key, app.Token(_key, Pharmacy, "representation.read"), CheckPath(Seed.AkselChildOfConfidentialMother, Seed.EspenFatherOfAksel, "prescriptions"));

        var check = await Json(response);
        Assert.True(check.GetProperty("mayAct").GetBoolean());
        Assert.Equal("prescriptions", check.GetProperty("scope").GetString());
        Assert.Equal("parent", check.GetProperty("basis").GetProperty("kind").GetString());
        Assert.Contains("prescriptions", check.GetProperty("basis").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var entry = await app.LogEntryAsync(Seed.AkselChildOfConfidentialMother, correlationId) ?? throw new Xunit.Sdk.XunitException("No access-log entry for the check.");
        Assert.Equal("Fjordby apotek AS", entry.GetProperty("organisation").GetProperty("name").GetString());
        Assert.Equal("representation.check", entry.GetProperty("operation").GetString());
        Assert.Equal("prescriptions", entry.GetProperty("resourceIds").GetProperty("scope").GetString());
        Assert.DoesNotContain(Seed.EspenFatherOfAksel, entry.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PharmacyCheck_WhenTheParentHasAConfidentialAddress_MayNotAct()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Pharmacy, "representation.read"), CheckPath(Seed.AkselChildOfConfidentialMother, Seed.CamillaConfidentialAddress, "prescriptions"));

        var check = await Json(response);
        Assert.False(check.GetProperty("mayAct").GetBoolean());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("basis").ValueKind);
    }

    [Theory]
    [InlineData("scope=everything", "scope")]
    [InlineData("", "scope")]
    public async Task PharmacyCheck_WhenTheScopeIsNotAMatter_Returns400NamingIt(string query, string field)
    {
        var path = $"/api/v1/registry/persons/{Seed.AkselChildOfConfidentialMother}/representatives/{Seed.EspenFatherOfAksel}?{query}";

        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Pharmacy, "representation.read"), path);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PharmacyCheck_WhenAskedAboutThePersonThemself_Returns400()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Pharmacy, "representation.read"), CheckPath(Seed.AkselChildOfConfidentialMother, Seed.AkselChildOfConfidentialMother, "prescriptions"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("representative", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task RepresentationCheck_WhenTheTokenHasOnlyTheConsentScope_Returns403()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Hospital, "consents.read"), CheckPath(Seed.AkselChildOfConfidentialMother, Seed.EspenFatherOfAksel, "prescriptions"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task RepresentationCheck_WhenCalledWithEntraRegistryRead_Returns403()
    {
        using var client = app.First.CreateClient(app.Tokens.Workforce(["Registry.Read"], "0301"));

        using var response = await client.GetAsync(new Uri(CheckPath(Seed.AkselChildOfConfidentialMother, Seed.EspenFatherOfAksel, "prescriptions"), UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("HelseID", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentList_WhenTheTokenHasOnlyTheLookupScope_Returns403()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Hospital, "consents.read"), ListPath(pageSize: 1));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("consents.list", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentList_WhenTheTokenHasTheListScope_ListsAndLogsTheLookupForEachPersonListed()
    {
        var token = app.Token(_key, Hospital, "consents.list");
        string? continuation = null;
        do
        {
            var (response, correlationId) = await app.SendDPoPAsync(_key, token, ListPath(1000, continuation));
            var page = await Json(response);
            var persons = page.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("nationalIdentityNumber").GetString()).ToList();
            if (persons.Contains(Seed.RandiGrandmother))
            {
                var entry = await app.LogEntryAsync(Seed.RandiGrandmother, correlationId) ?? throw new Xunit.Sdk.XunitException("No access-log entry for the listing.");
                Assert.Equal("consents.list", entry.GetProperty("operation").GetString());
                Assert.Equal(Hospital, entry.GetProperty("organisation").GetProperty("number").GetString());
                return;
            }

            continuation = page.GetProperty("continuationToken").GetString();
        }
        while (continuation is not null);

        Assert.Fail("Randi's active reservation was not listed.");
    }

    [Fact]
    public async Task EntraRegistryReader_WhenLookingUp_StillWorksAndIsLoggedAsWorkforce()
    {
        using var client = app.First.CreateClient(app.Tokens.Workforce(["Registry.Read"], "0301"));
        var correlationId = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("X-Correlation-Id", correlationId);

        using var response = await client.GetAsync(new Uri(LookupPath(Seed.RandiGrandmother), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await app.LogEntryAsync(Seed.RandiGrandmother, correlationId) ?? throw new Xunit.Sdk.XunitException("No access-log entry for the lookup.");
        Assert.Equal("workforce", entry.GetProperty("actorKind").GetString());
        Assert.Equal("case-system-client", entry.GetProperty("relationId").GetString());
    }

    private static string CheckPath(string person, string representative, string scope) =>
        $"/api/v1/registry/persons/{person}/representatives/{representative}?scope={scope}";

    private static string ListPath(int pageSize, string? continuation = null) =>
        $"/api/v1/registry/consent-definitions/{SummaryCareRecord}/persons?pageSize={pageSize}"
        + (continuation is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(continuation));

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
