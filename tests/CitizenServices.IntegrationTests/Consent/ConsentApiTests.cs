using System.Security.Cryptography;
using CitizenServices.Infrastructure.Consent;

namespace CitizenServices.IntegrationTests.Consent;

/// <summary>
/// Consents through real HTTP, Azurite, the committed consent catalog and the seed register (docs/population-register.md).
/// </summary>
public sealed class ConsentApiTests(ConsentAppFixture app) : IClassFixture<ConsentAppFixture>, IAsyncLifetime
{

    private const string Study = "research-heart-rhythm-study"; // consent, 18+, versions 1.0 and 1.1
    private const string SummaryCareRecord = "reservation-summary-care-record"; // reservation, 1.0, 1.1, 2.0
    private const string PregnancyCard = "digital-pregnancy-health-card";
    private static readonly string[] Definitions = [Study, SummaryCareRecord, PregnancyCard, "restriction-named-health-personnel"];

    public async Task InitializeAsync()
    {
        app.Today(2026, 12, 1);
        await app.ClearAsync(Definitions, Seed.KariMother, Seed.EmmaUnder12, Seed.JonasTurning16, Seed.LinnMotherOfFosterChild);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> DecideOkAsync(string caller, string subject, string definitionId, string decision, string version, string? validTo = null)
    {
        using var response = await app.DecideAsync(caller, subject, definitionId, decision, version, validTo);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task<JsonElement> HistoryAsync(string caller, string subject, string definitionId)
    {
        using var client = app.Citizen(caller);
        return (await ConsentAppFixture.GetJsonAsync(client, $"/api/v1/persons/{subject}/consents/{definitionId}/history")).GetProperty("history");
    }

    private async Task<List<JsonElement>> OutboxRowsAsync(string person)
    {
        var rows = new List<JsonElement>();
        await foreach (var row in app.Table(StorageNames.Tables.Consent).QueryPartitionAsync<TableEntity>(person, "outbox|"))
        {
            rows.Add(JsonSerializer.Deserialize<JsonElement>(row.GetString("Data")));
        }

        return rows;
    }

    [Fact]
    public async Task Decide_WhenGivenWithdrawnAndGivenAgain_KeepsThreeHistoryEntriesAndTheLastIsCurrent()
    {
        await DecideOkAsync(Seed.KariMother, "me", Study, "given", "1.1");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await DecideOkAsync(Seed.KariMother, "me", Study, "withdrawn", "1.1");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var last = await DecideOkAsync(Seed.KariMother, "me", Study, "given", "1.0");

        var history = await HistoryAsync(Seed.KariMother, "me", Study);
        Assert.Equal(["given", "withdrawn", "given"], history.EnumerateArray().Reverse().Select(h => h.GetProperty("decision").GetString()));
        Assert.Equal([3L, 2L, 1L], history.EnumerateArray().Select(h => h.GetProperty("sequence").GetInt64()));
        Assert.All(history.EnumerateArray(), h => Assert.Equal("self", h.GetProperty("decidedAs").GetString()));
        Assert.Equal("active", last.GetProperty("status").GetString());
        Assert.Equal("1.0", last.GetProperty("decision").GetProperty("version").GetString());

        using var client = app.Citizen(Seed.KariMother);
        var current = await ConsentAppFixture.GetJsonAsync(client, $"/api/v1/persons/me/consents/{Study}");
        Assert.Equal("given", current.GetProperty("decision").GetProperty("decision").GetString());
        Assert.Equal(3, current.GetProperty("decision").GetProperty("sequence").GetInt64());
        var all = await ConsentAppFixture.GetJsonAsync(client, "/api/v1/persons/me/consents");
        var listed = all.GetProperty("consents").EnumerateArray().ToDictionary(c => c.GetProperty("definitionId").GetString()!);
        Assert.Equal("active", listed[Study].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, listed[SummaryCareRecord].GetProperty("status").ValueKind);

        // Each change staged one consent-decision.changed event in Kari's partition, in order.
        var events = await OutboxRowsAsync(Seed.KariMother);
        Assert.Equal(["given", "withdrawn", "given"], events.OrderBy(e => e.GetProperty("sequence").GetInt64()).Select(e => e.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task Decide_WhenRepeatedIdentically_ChangesNothing()
    {
        var first = await DecideOkAsync(Seed.KariMother, "me", SummaryCareRecord, "reserved", "2.0", "2027-06-30");
        app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await DecideOkAsync(Seed.KariMother, "me", SummaryCareRecord, "reserved", "2.0", "2027-06-30");

        Assert.Equal(first.GetProperty("decision").GetRawText(), second.GetProperty("decision").GetRawText());
        Assert.Single((await HistoryAsync(Seed.KariMother, "me", SummaryCareRecord)).EnumerateArray());
        Assert.Single(await OutboxRowsAsync(Seed.KariMother));
    }

    [Fact]
    public async Task Decide_WhenCallerHoldsAFullmaktFromThePerson_IsRefused()
    {
        await new FullmaktGrant(app.Factory).GrantAsync(Seed.LinnMotherOfFosterChild, Seed.MariusFatherOfFosterChild, ["appointments", "messages", "health-records", "prescriptions"]);
        try
        {
            using var response = await app.DecideAsync(Seed.MariusFatherOfFosterChild, Seed.LinnMotherOfFosterChild, Study, "given", "1.1");
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            using var client = app.Citizen(Seed.MariusFatherOfFosterChild);
            using var read = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.LinnMotherOfFosterChild}/consents", UriKind.Relative));
            await ProblemAssert.IsProblem(read, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            Assert.Empty((await HistoryAsync(Seed.LinnMotherOfFosterChild, "me", Study)).EnumerateArray());
        }
        finally
        {
            await new FullmaktGrant(app.Factory).ClearAsync(Seed.LinnMotherOfFosterChild, Seed.MariusFatherOfFosterChild);
        }
    }

    [Fact]
    public async Task Decide_WhenParentOfAFifteenYearOld_IsAllowedAndRecordedAsParent()
    {
        app.Today(2027, 2, 9);

        var decided = await DecideOkAsync(Seed.IngridMotherOfTeenagers, Seed.JonasTurning16, SummaryCareRecord, "reserved", "2.0");

        Assert.Equal("parent", decided.GetProperty("decision").GetProperty("decidedAs").GetString());
        Assert.Equal("258880*****", decided.GetProperty("decision").GetProperty("decidedBy").GetString());
        Assert.StartsWith("parent-", decided.GetProperty("decision").GetProperty("relationId").GetString(), StringComparison.Ordinal);
        var history = await HistoryAsync(Seed.JonasTurning16, "me", SummaryCareRecord);
        Assert.Equal("parent", Assert.Single(history.EnumerateArray()).GetProperty("decidedAs").GetString());
    }

    [Fact]
    public async Task Decide_WhenParentOfASixteenYearOld_IsRefused()
    {
        app.Today(2027, 2, 10);

        using var response = await app.DecideAsync(Seed.IngridMotherOfTeenagers, Seed.JonasTurning16, SummaryCareRecord, "reserved", "2.0");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Empty((await HistoryAsync(Seed.JonasTurning16, "me", SummaryCareRecord)).EnumerateArray());
    }

    [Fact]
    public async Task Decide_WhenTheStoredTextIsRead_ItsHashIsTheOneTheDecisionReferences()
    {
        var decided = await DecideOkAsync(Seed.KariMother, "me", Study, "given", "1.1");
        var referenced = decided.GetProperty("decision").GetProperty("textSha256").GetString();

        using var anonymous = app.Factory.CreateClient();
        using var response = await anonymous.GetAsync(new Uri($"/api/v1/consent-definitions/{Study}/versions/1.1/text", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(referenced, Convert.ToHexStringLower(SHA256.HashData(served)));
        Assert.StartsWith("# Participation in the Norwegian Heart Rhythm Study", Encoding.UTF8.GetString(served), StringComparison.Ordinal);

        // The document in Blob Storage itself, under its content address.
        var blobs = app.Factory.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.Documents);
        var stored = (await blobs.GetBlobClient(BlobConsentTexts.BlobName(referenced!)).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(referenced, Convert.ToHexStringLower(SHA256.HashData(stored)));

        // The catalog publishes the same hash for that version, and the minor versions have different texts.
        var catalog = await ConsentAppFixture.GetJsonAsync(anonymous, "/api/v1/consent-definitions");
        var versions = catalog.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("id").GetString() == Study).GetProperty("versions");
        Assert.Equal(referenced, versions.EnumerateArray().Single(v => v.GetProperty("version").GetString() == "1.1").GetProperty("textSha256").GetString());
        Assert.NotEqual(referenced, versions.EnumerateArray().Single(v => v.GetProperty("version").GetString() == "1.0").GetProperty("textSha256").GetString());
    }

    [Fact]
    public async Task Decide_WhenAnEndDateHasPassed_IsExpiredOnRead()
    {
        await DecideOkAsync(Seed.KariMother, "me", PregnancyCard, "given", "1.0", "2026-12-31");

        app.Today(2027, 1, 1);
        using var client = app.Citizen(Seed.KariMother);
        var state = await ConsentAppFixture.GetJsonAsync(client, $"/api/v1/persons/me/consents/{PregnancyCard}");

        Assert.Equal("expired", state.GetProperty("status").GetString());
        using var registry = app.Registry();
        var lookup = await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{PregnancyCard}/persons/{Seed.KariMother}");
        Assert.False(lookup.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData(SummaryCareRecord, "given", "2.0", null, HttpStatusCode.UnprocessableEntity, "decision-not-allowed", "decision")]
    [InlineData(Study, "reserved", "1.1", null, HttpStatusCode.UnprocessableEntity, "decision-not-allowed", "decision")]
    [InlineData(SummaryCareRecord, "reserved", "1.1", null, HttpStatusCode.UnprocessableEntity, "version-outdated", "version")]
    [InlineData(Study, "given", "1.7", null, HttpStatusCode.UnprocessableEntity, "unknown-version", "version")]
    [InlineData(Study, "given", "1.1", "2026-11-30", HttpStatusCode.UnprocessableEntity, "end-date-in-past", "validTo")]
    [InlineData(Study, "withdrawn", "1.1", "2027-11-30", HttpStatusCode.UnprocessableEntity, "end-date-not-allowed", "validTo")]
    [InlineData(Study, "maybe", "1.1", null, HttpStatusCode.BadRequest, "invalid-request", "decision")]
    [InlineData(Study, "given", "one", null, HttpStatusCode.BadRequest, "invalid-request", "version")]
    [InlineData(Study, "given", "1.1", "31.12.2027", HttpStatusCode.BadRequest, "invalid-request", "validTo")]
    [InlineData("no-such-definition", "given", "1.0", null, HttpStatusCode.NotFound, "not-found", "definitionId")]
    public async Task Decide_WhenTheRequestBreaksARule_IsAProblemNamingTheFieldAndWritesNothing(
        string definitionId, string decision, string version, string? validTo, HttpStatusCode status, string code, string field)
    {
        using var response = await app.DecideAsync(Seed.KariMother, "me", definitionId, decision, version, validTo);

        var problem = await ProblemAssert.IsProblem(response, status, ProblemTypes.Base + code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(await OutboxRowsAsync(Seed.KariMother));
    }

    [Fact]
    public async Task Decide_WhenTheChildIsYoungerThanTheDefinitionAllows_IsRefusedAsTooYoung()
    {
        using var response = await app.DecideAsync(Seed.KariMother, Seed.EmmaUnder12, Study, "given", "1.1");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.Base + "subject-too-young");
        Assert.Equal("subject", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Registry_WhenAPersonDecided_AnswersTheCurrentDecisionToARegistryReaderOnly()
    {
        await DecideOkAsync(Seed.KariMother, "me", SummaryCareRecord, "reserved", "2.0");

        using var registry = app.Registry();
        var lookup = await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{SummaryCareRecord}/persons/{Seed.KariMother}");
        Assert.True(lookup.GetProperty("active").GetBoolean());
        Assert.Equal("reserved", lookup.GetProperty("decision").GetString());
        Assert.False(lookup.TryGetProperty("decidedBy", out _));
        var unknown = await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{Study}/persons/{Seed.KariMother}");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("status").ValueKind);

        using var citizen = app.Citizen(Seed.KariMother);
        using var refused = await citizen.GetAsync(new Uri($"/api/v1/registry/consent-definitions/{SummaryCareRecord}/persons/{Seed.KariMother}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var noRole = app.Factory.CreateClient(app.Factory.Tokens.Workforce(["CareRelations.Manage"], "0301"));
        using var forbidden = await noRole.GetAsync(new Uri($"/api/v1/registry/consent-definitions/{SummaryCareRecord}/persons", UriKind.Relative));
        await ProblemAssert.IsProblem(forbidden, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        using var badPerson = await registry.GetAsync(new Uri($"/api/v1/registry/consent-definitions/{SummaryCareRecord}/persons/12345678901", UriKind.Relative));
        var problem = await ProblemAssert.IsProblem(badPerson, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("person", problem.GetProperty("field").GetString());
    }
}
