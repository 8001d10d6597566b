using CitizenServices.Application.Fullmakt;

namespace CitizenServices.IntegrationTests.Fullmakt;

/// <summary>
/// Fullmakt through real HTTP, Azurite and the committed seed register (docs/population-register.md), with the policy
/// enforcement point's decision taken from the app's own <c>SubjectAccessDecider</c> (no endpoint for appointments,
/// messages, health records or prescriptions exists yet).
/// </summary>
public sealed class FullmaktApiTests(FullmaktAppFixture app) : IClassFixture<FullmaktAppFixture>, IAsyncLifetime
{

    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    public async Task InitializeAsync()
    {
        app.Today(2026, 12, 1);
        await app.ClearAsync(Seed.KariMother, Seed.OlaFather, Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, Seed.AndersFatherOfHenrik, Seed.HenrikTurning18, Seed.JonasTurning16, Seed.SolveigLacksCapacity, Seed.BeritNearestRelative, Seed.NoraStrictlyConfidential);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Uri Fullmakter(string subject, string? query = null) => new($"/api/v1/persons/{subject}/fullmakter{query}", UriKind.Relative);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> GrantAsync(string giver, object body, string? idempotencyKey = null, string? subject = null)
    {
        using var client = app.Citizen(giver);
        using var request = new HttpRequestMessage(HttpMethod.Post, Fullmakter(subject ?? "me")) { Content = Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonElement> GrantOkAsync(string giver, string representative, string[] areas, string? validTo = null)
    {
        using var response = await GrantAsync(giver, new { representative, serviceAreas = areas, validTo });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task<JsonElement> ListAsync(string caller, string? direction = null)
    {
        using var client = app.Citizen(caller);
        using var response = await client.GetAsync(Fullmakter("me", direction is null ? null : "?direction=" + direction));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> EndAsync(string caller, string id)
    {
        using var client = app.Citizen(caller);
        using var response = await client.DeleteAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task Grant_WhenGiverGivesAppointments_RepresentativeMayActInAppointmentsOnly()
    {
        using var response = await GrantAsync(Seed.TheaAdultChild, new { representative = Seed.SiljeMotherOfHenrik, serviceAreas = new[] { "appointments" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/fullmakter/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("fullmakt", body.GetProperty("kind").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("validTo").ValueKind);

        var appointments = await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Appointments);
        Assert.True(appointments.IsAllowed);
        Assert.Equal(BasisKind.Fullmakt, appointments.Basis!.Kind);
        Assert.Equal(id, appointments.Basis.RelationId);
        Assert.False((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Messages)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Consents)).IsAllowed);
    }

    [Fact]
    public async Task Grant_WhenRepresentativeTriesThePrincipalsAccessLogOrFullmakter_IsForbidden()
    {
        await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["appointments", "messages", "health-records", "prescriptions"]);
        using var client = app.Citizen(Seed.SiljeMotherOfHenrik);

        using var log = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.TheaAdultChild}/access-log", UriKind.Relative));
        using var list = await client.GetAsync(Fullmakter(Seed.TheaAdultChild));
        using var grant = await client.PostAsync(Fullmakter(Seed.TheaAdultChild), Json(new { representative = Seed.AndersFatherOfHenrik, serviceAreas = new[] { "messages" } }));

        await ProblemAssert.IsProblem(log, HttpStatusCode.Forbidden, Problems + "forbidden");
        await ProblemAssert.IsProblem(list, HttpStatusCode.Forbidden, Problems + "forbidden");
        // A representative never gives a fullmakt on the principal's behalf.
        await ProblemAssert.IsProblem(grant, HttpStatusCode.Forbidden, Problems + "forbidden");
        Assert.False((await app.DecideAsync(Seed.AndersFatherOfHenrik, Seed.TheaAdultChild, Scope.Messages)).IsAllowed);
    }

    [Fact]
    public async Task Decide_WhenRepresentativeHoldsAFullmaktFromSomeoneElse_DoesNotPassItOn()
    {
        // Thea → Silje and Silje → Anders: Anders may act for Silje but never, through her, for Thea (no chains).
        await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["messages"]);
        await GrantOkAsync(Seed.SiljeMotherOfHenrik, Seed.AndersFatherOfHenrik, ["messages"]);

        Assert.True((await app.DecideAsync(Seed.AndersFatherOfHenrik, Seed.SiljeMotherOfHenrik, Scope.Messages)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.AndersFatherOfHenrik, Seed.TheaAdultChild, Scope.Messages)).IsAllowed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task End_WhenEitherPartyEndsIt_RepresentativeIsRefusedOnTheVeryNextRequest(bool byGiver)
    {
        var id = (await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["health-records"])).GetProperty("id").GetString()!;
        Assert.True((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.HealthRecords)).IsAllowed);

        Assert.Equal(HttpStatusCode.NoContent, await EndAsync(byGiver ? Seed.TheaAdultChild : Seed.SiljeMotherOfHenrik, id));

        Assert.False((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.HealthRecords)).IsAllowed);
        var given = (await ListAsync(Seed.TheaAdultChild, "given")).GetProperty("given").EnumerateArray().Single();
        Assert.Equal("ended", given.GetProperty("status").GetString());
        Assert.Equal(byGiver ? "giver" : "representative", given.GetProperty("endedBy").GetString());
        Assert.Equal(["granted", "ended"], given.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("change").GetString()));
    }

    [Fact]
    public async Task End_WhenCallerIsNeitherParty_IsNotFoundLikeAMissingFullmakt()
    {
        var id = (await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["messages"])).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, await EndAsync(Seed.AndersFatherOfHenrik, id));
        Assert.Equal(HttpStatusCode.NotFound, await EndAsync(Seed.AndersFatherOfHenrik, Guid.NewGuid().ToString()));
        using var client = app.Citizen(Seed.AndersFatherOfHenrik);
        using var read = await client.GetAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative));
        await ProblemAssert.IsProblem(read, HttpStatusCode.NotFound, Problems + "not-found");
        Assert.True((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Messages)).IsAllowed);
    }

    [Fact]
    public async Task Get_WhenRepresentativeReadsById_SeesTheFullmakt()
    {
        var id = (await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["messages"])).GetProperty("id").GetString()!;
        using var client = app.Citizen(Seed.SiljeMotherOfHenrik);

        using var response = await client.GetAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Seed.TheaAdultChild, body.GetProperty("giver").GetString());
    }

    [Fact]
    public async Task Decide_WhenTheEndDateHasPassed_GivesNoAccessAndListsItAsExpired()
    {
        await GrantOkAsync(Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik, ["prescriptions"], "2026-12-05");

        app.Today(2026, 12, 5);
        Assert.True((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Prescriptions)).IsAllowed);
        app.Today(2026, 12, 6);
        Assert.False((await app.DecideAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, Scope.Prescriptions)).IsAllowed);

        var received = (await ListAsync(Seed.SiljeMotherOfHenrik, "received")).GetProperty("received").EnumerateArray().Single();
        Assert.Equal("expired", received.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Grant_WhenGiverIsFifteen_IsRejectedNamingTheSubject()
    {
        using var response = await GrantAsync(Seed.JonasTurning16, new { representative = Seed.KariMother, serviceAreas = new[] { "appointments" } });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "giver-too-young");
        Assert.Equal("subject", problem.GetProperty("field").GetString());
        Assert.Empty((await ListAsync(Seed.KariMother, "received")).GetProperty("received").EnumerateArray());
    }

    [Fact]
    public async Task Grant_WhenRepresentativeIsSeventeen_IsRejectedNamingTheRepresentative()
    {
        using var response = await GrantAsync(Seed.TheaAdultChild, new { representative = Seed.HenrikTurning18, serviceAreas = new[] { "appointments" } });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "representative-too-young");
        Assert.Equal("representative", problem.GetProperty("field").GetString());
        Assert.Empty((await ListAsync(Seed.TheaAdultChild, "given")).GetProperty("given").EnumerateArray());
    }

    [Fact]
    public async Task Grant_WhenRepresentativeHasAStrictlyConfidentialAddress_GivesTheSameAnswerAsForAnyoneIneligible()
    {
        using var response = await GrantAsync(Seed.TheaAdultChild, new { representative = Seed.NoraStrictlyConfidential, serviceAreas = new[] { "appointments" } });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "representative-not-eligible");
        Assert.DoesNotContain("address", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"representative\":\"123\",\"serviceAreas\":[\"messages\"]}", "representative", HttpStatusCode.BadRequest)]
    [InlineData($"{{\"representative\":\"{Seed.OlaFather}\",\"serviceAreas\":[\"messages\"],\"validTo\":\"31.12.2027\"}}", "validTo", HttpStatusCode.BadRequest)]
    [InlineData($"{{\"representative\":\"{Seed.OlaFather}\",\"serviceAreas\":[\"consents\"]}}", "serviceAreas[0]", HttpStatusCode.UnprocessableEntity)]
    [InlineData($"{{\"representative\":\"{Seed.OlaFather}\"}}", "serviceAreas", HttpStatusCode.BadRequest)]
    [InlineData($"{{\"representative\":\"{Seed.OlaFather}\",\"serviceAreas\":[\"messages\"],\"validTo\":\"2026-12-01\"}}", "validTo", HttpStatusCode.UnprocessableEntity)]
    public async Task Grant_WhenTheBodyBreaksARule_IsAProblemNamingTheFieldAndWritesNothing(string json, string field, HttpStatusCode status)
    {
        using var client = app.Citizen(Seed.KariMother);

        using var response = await client.PostAsync(Fullmakter("me"), new StringContent(json, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, text);
        Assert.Equal(field, JsonSerializer.Deserialize<JsonElement>(text).GetProperty("field").GetString());
        Assert.Empty((await ListAsync(Seed.KariMother, "given")).GetProperty("given").EnumerateArray());
    }

    [Fact]
    public async Task Grant_WhenACurrentFullmaktToTheSameRepresentativeExists_IsAConflict()
    {
        await GrantOkAsync(Seed.KariMother, Seed.OlaFather, ["messages"]);

        using var response = await GrantAsync(Seed.KariMother, new { representative = Seed.OlaFather, serviceAreas = new[] { "appointments" } });

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, Problems + "fullmakt-already-given");
    }

    [Fact]
    public async Task Grant_WhenSentTwiceWithTheSameIdempotencyKey_CreatesOneFullmaktAndReturnsTheFirstResult()
    {
        var body = new { representative = Seed.OlaFather, serviceAreas = new[] { "messages", "appointments" }, validTo = "2027-06-30" };

        using var first = await GrantAsync(Seed.KariMother, body, "grant-ola-1");
        using var second = await GrantAsync(Seed.KariMother, body, "grant-ola-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single((await ListAsync(Seed.KariMother, "given")).GetProperty("given").EnumerateArray());
    }

    [Fact]
    public async Task Grant_WhenTheSameIdempotencyKeyArrivesConcurrently_CreatesOneFullmakt()
    {
        var body = new { representative = Seed.OlaFather, serviceAreas = new[] { "messages" } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => GrantAsync(Seed.KariMother, body, "grant-ola-concurrent")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Single((await ListAsync(Seed.KariMother, "given")).GetProperty("given").EnumerateArray());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Grant_WhenTheIdempotencyKeyIsReusedForAnotherBody_IsRejected()
    {
        using var first = await GrantAsync(Seed.KariMother, new { representative = Seed.OlaFather, serviceAreas = new[] { "messages" } }, "grant-ola-2");
        using var second = await GrantAsync(Seed.KariMother, new { representative = Seed.OlaFather, serviceAreas = new[] { "appointments" } }, "grant-ola-2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var problem = await ProblemAssert.IsProblem(second, HttpStatusCode.UnprocessableEntity, Problems + "idempotency-key-reused");
        Assert.Equal("Idempotency-Key", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task List_WhenDirectionGiven_ShowsGivenOnlyAndReceivedOnTheOtherSide()
    {
        var id = (await GrantOkAsync(Seed.KariMother, Seed.OlaFather, ["messages"])).GetProperty("id").GetString();

        var kari = await ListAsync(Seed.KariMother, "given");
        var ola = await ListAsync(Seed.OlaFather, "received");
        var both = await ListAsync(Seed.OlaFather);

        Assert.Equal(id, kari.GetProperty("given").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, kari.GetProperty("received").ValueKind);
        var received = ola.GetProperty("received").EnumerateArray().Single();
        Assert.Equal(id, received.GetProperty("id").GetString());
        Assert.Equal(Seed.KariMother, received.GetProperty("giver").GetString());
        Assert.Equal(JsonValueKind.Null, ola.GetProperty("given").ValueKind);
        Assert.Empty(both.GetProperty("given").EnumerateArray());
        Assert.Single(both.GetProperty("received").EnumerateArray());
    }

    [Fact]
    public async Task List_WhenDirectionUnknown_IsAProblemNamingDirection()
    {
        using var client = app.Citizen(Seed.KariMother);

        using var response = await client.GetAsync(Fullmakter("me", "?direction=sideways"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, Problems + "invalid-request");
        Assert.Equal("direction", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task GrantForPersonLackingCapacity_WhenAnAdministratorRegistersIt_TheNearestRelativeMayActInEveryArea()
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.RepresentationAdminister], "1103"));

        using var response = await client.PostAsync(new Uri("/api/v1/admin/capacity-fullmakter", UriKind.Relative), Json(new
        {
            principal = Seed.SolveigLacksCapacity, representative = Seed.BeritNearestRelative, certificateReference = "LEGEERKL-2026-0042", validTo = "2031-11-30",
        }));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("fullmakt-lacking-capacity", body.GetProperty("kind").GetString());
        Assert.Equal("LEGEERKL-2026-0042", body.GetProperty("certificateReference").GetString());
        foreach (var scope in new[] { Scope.Appointments, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions })
        {
            var decision = await app.DecideAsync(Seed.BeritNearestRelative, Seed.SolveigLacksCapacity, scope);
            Assert.Equal(BasisKind.FullmaktLackingCapacity, decision.Basis?.Kind);
        }

        Assert.False((await app.DecideAsync(Seed.BeritNearestRelative, Seed.SolveigLacksCapacity, Scope.Consents)).IsAllowed);
    }

    [Fact]
    public async Task GrantForPersonLackingCapacity_WhenLongerThanFiveYears_IsRejectedNamingValidTo()
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.RepresentationAdminister], "1103"));

        using var response = await client.PostAsync(new Uri("/api/v1/admin/capacity-fullmakter", UriKind.Relative), Json(new
        {
            principal = Seed.SolveigLacksCapacity, representative = Seed.BeritNearestRelative, certificateReference = "LEGEERKL-2026-0042", validTo = "2031-12-01",
        }));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "period-too-long");
        Assert.Equal("validTo", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("citizen")]
    [InlineData("no-role")]
    [InlineData("other-municipality")]
    public async Task GrantForPersonLackingCapacity_WhenNotAnAdministratorOfThePrincipalsMunicipality_IsRefusedAndWritesNothing(string caller)
    {
        var token = caller switch
        {
            "citizen" => app.Factory.Tokens.Citizen(Seed.BeritNearestRelative),
            "no-role" => app.Factory.Tokens.Workforce([AppRoles.RegistryRead], "1103"),
            _ => app.Factory.Tokens.Workforce([AppRoles.RepresentationAdminister], "0301"),
        };
        using var client = app.Factory.CreateClient(token);

        using var response = await client.PostAsync(new Uri("/api/v1/admin/capacity-fullmakter", UriKind.Relative), Json(new
        {
            principal = Seed.SolveigLacksCapacity, representative = Seed.BeritNearestRelative, certificateReference = "LEGEERKL-2026-0042", validTo = "2027-11-30",
        }));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{caller}: {(int)response.StatusCode}");
        Assert.False((await app.DecideAsync(Seed.BeritNearestRelative, Seed.SolveigLacksCapacity, Scope.Messages)).IsAllowed);
    }

    [Fact]
    public async Task RepairIndex_WhenAnIndexRowWasDeleted_RebuildsItSoTheRepresentativeSeesItAgain()
    {
        var id = Guid.Parse((await GrantOkAsync(Seed.KariMother, Seed.OlaFather, ["messages"])).GetProperty("id").GetString()!);
        await app.Index.DeleteAsync(Seed.OlaFather, $"{FullmaktAppFixture.IndexPrefix}{Seed.KariMother}|{id:N}");
        Assert.Empty((await ListAsync(Seed.OlaFather, "received")).GetProperty("received").EnumerateArray());
        // Authorization never read the index: it still allows.
        Assert.True((await app.DecideAsync(Seed.OlaFather, Seed.KariMother, Scope.Messages)).IsAllowed);

        var repair = await Repair(Seed.KariMother);

        Assert.Equal((1, 0), (repair.Rewritten, repair.Removed));
        Assert.Equal(id.ToString(), (await ListAsync(Seed.OlaFather, "received")).GetProperty("received").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal((0, 0), (await Repair(Seed.KariMother)) is var again ? (again.Rewritten, again.Removed) : default);
    }

    [Fact]
    public async Task RepairEndpoint_WhenAnOperatorRepairsAPrincipal_RebuildsEveryKindAndReportsWhatItDid()
    {
        var id = Guid.Parse((await GrantOkAsync(Seed.KariMother, Seed.OlaFather, ["messages"])).GetProperty("id").GetString()!);
        await app.Index.DeleteAsync(Seed.OlaFather, $"{FullmaktAppFixture.IndexPrefix}{Seed.KariMother}|{id:N}");
        using var admin = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.RepresentationAdminister], "1103"));
        var url = new Uri("/api/v1/admin/representation-index/repair", UriKind.Relative);

        using var response = await admin.PostAsJsonAsync(url, new { principal = Seed.KariMother });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(NationalIdentityNumber.Parse(Seed.KariMother).Masked, body.GetProperty("maskedPrincipal").GetString());
        var kinds = body.GetProperty("kinds").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => (k.GetProperty("rewritten").GetInt32(), k.GetProperty("removed").GetInt32()));
        Assert.Equal(new Dictionary<string, (int, int)> { ["fostercare"] = (0, 0), ["fullmakt"] = (1, 0), ["guardianship"] = (0, 0) }, kinds);
        Assert.Equal(id.ToString(), (await ListAsync(Seed.OlaFather, "received")).GetProperty("received").EnumerateArray().Single().GetProperty("id").GetString());

        using var invalid = await admin.PostAsJsonAsync(url, new { principal = "14838510037" });
        var problem = await ProblemAssert.IsProblem(invalid, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("principal", problem.GetProperty("field").GetString());

        // A citizen's token is not a workforce token at all; a workforce token without the role is refused.
        using var citizen = app.Citizen(Seed.KariMother);
        using var notWorkforce = await citizen.PostAsJsonAsync(url, new { principal = Seed.KariMother });
        Assert.Equal(HttpStatusCode.Unauthorized, notWorkforce.StatusCode);
        using var other = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.RegistryRead], "1103"));
        using var refused = await other.PostAsJsonAsync(url, new { principal = Seed.KariMother });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task RepairIndex_WhenIndexRowsAreCorruptedOrForeign_RewritesAndRemovesThem()
    {
        var id = Guid.Parse((await GrantOkAsync(Seed.KariMother, Seed.OlaFather, ["messages"])).GetProperty("id").GetString()!);
        var row = (await app.Index.GetAsync<TableEntity>(Seed.OlaFather, $"{FullmaktAppFixture.IndexPrefix}{Seed.KariMother}|{id:N}"))!;
        row["ServiceAreas"] = "messages,health-records,prescriptions";
        await app.Index.UpsertAsync(row);
        var foreign = new TableEntity(Seed.AndersFatherOfHenrik, $"{FullmaktAppFixture.IndexPrefix}{Seed.KariMother}|{Guid.NewGuid():N}") { ["Id"] = "forged" };
        await app.Index.UpsertAsync(foreign);

        var repair = await Repair(Seed.KariMother);

        Assert.Equal((1, 1), (repair.Rewritten, repair.Removed));
        var received = (await ListAsync(Seed.OlaFather, "received")).GetProperty("received").EnumerateArray().Single();
        Assert.Equal(["messages"], received.GetProperty("serviceAreas").EnumerateArray().Select(a => a.GetString()));
        Assert.Null(await app.Index.GetAsync<TableEntity>(Seed.AndersFatherOfHenrik, foreign.RowKey));
    }

    private Task<(int Rewritten, int Removed)> Repair(string principal) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IFullmaktStore>().RepairIndexAsync(NationalIdentityNumber.Parse(principal), CancellationToken.None));
}
