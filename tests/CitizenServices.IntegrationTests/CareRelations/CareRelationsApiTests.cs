using CitizenServices.Domain.Representation;
using static CitizenServices.IntegrationTests.CareRelations.CareRelationsAppFixture;

namespace CitizenServices.IntegrationTests.CareRelations;

/// <summary>
/// The caseworker API over real HTTP and Azurite, and what the enforcement point (the app's own
/// <c>SubjectAccessDecider</c>: no appointment endpoint exists on this branch) and the listings make of each legal basis.
/// </summary>
[Collection(CareRelationsAppFixture.Collection)]
public sealed class CareRelationsApiTests(CareRelationsAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Register_VoluntaryPlacement_FosterParentsActOnDelegatedScopesAndParentsKeepAccessDespiteTheAddress()
    {
        // Before: Oliver (under 12) lives with neither parent, so the same-address rule gives them nothing.
        Assert.False((await app.DecideAsync(Seed.LinnMotherOfFosterChild, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);

        var relation = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: null));

        var foster = await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments);
        Assert.True(foster.IsAllowed);
        Assert.Equal(BasisKind.FosterParent, foster.Basis!.Kind);
        Assert.Equal(relation.GetProperty("id").GetString(), foster.Basis.RelationId);
        Assert.True((await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, Scope.Messages)).IsAllowed);
        Assert.True((await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.HealthRecords)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Consents)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.AccessLog)).IsAllowed);

        // The placement keeps the parents' representation: the decision, not the address, decides now.
        var parent = await app.DecideAsync(Seed.LinnMotherOfFosterChild, Seed.OliverFosterChild, Scope.HealthRecords);
        Assert.True(parent.IsAllowed);
        Assert.Equal(BasisKind.Parent, parent.Basis!.Kind);
        Assert.True((await app.DecideAsync(Seed.MariusFatherOfFosterChild, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);

        var listed = Assert.Single(await app.RepresentedAsync(Seed.HildeFosterMother));
        Assert.Equal(Seed.OliverFosterChild, listed.GetProperty("nationalIdentityNumber").GetString());
        var basis = Assert.Single(listed.GetProperty("representations").EnumerateArray());
        Assert.Equal("foster-parent", basis.GetProperty("kind").GetString());
        Assert.Equal(["appointments", "appointments-primary-care", "messages"], basis.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Register_CareOrderWithoutDigitalAccess_ParentsLoseTheirAccessAndFosterParentsAct()
    {
        Assert.True((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);

        await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "care-order", parentsKeep: false));

        Assert.False((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.JonFatherOfFosterChild, Seed.SofieFosterChild12To15, Scope.Representation)).IsAllowed);
        Assert.Empty(await app.RepresentedAsync(Seed.MonaMotherOfFosterChild));
        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.SofieFosterChild12To15, Scope.Appointments)).IsAllowed);
    }

    [Fact]
    public async Task Register_CareOrderKeepingDigitalAccess_ParentsKeepTheirAgeBandAccess()
    {
        await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "care-order", parentsKeep: true));

        Assert.True((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        // Still the 12-15 band: no health records for parents.
        Assert.False((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, Scope.HealthRecords)).IsAllowed);
        Assert.True((await app.DecideAsync(Seed.TorFosterFather, Seed.SofieFosterChild12To15, Scope.Messages)).IsAllowed);
    }

    [Fact]
    public async Task Register_EmergencyPlacementWithoutDigitalAccess_ParentsLoseAccess()
    {
        await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "emergency-placement", parentsKeep: false, fosterParents: [Seed.HildeFosterMother]));

        Assert.False((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.SofieFosterChild12To15, Scope.Appointments)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.TorFosterFather, Seed.SofieFosterChild12To15, Scope.Appointments)).IsAllowed);
    }

    [Fact]
    public async Task Register_VoluntaryPlacementWhoseDecisionRemovesAccess_ParentsLoseAccess()
    {
        await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "voluntary-placement", parentsKeep: false));

        Assert.False((await app.DecideAsync(Seed.JonFatherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
    }

    [Theory]
    [InlineData("care-order")]
    [InlineData("emergency-placement")]
    public async Task Register_WhenACareOrderOrEmergencyPlacementDoesNotSayWhetherParentsKeepAccess_Is422(string basis)
    {
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), Registration(Seed.SofieFosterChild12To15, basis, parentsKeep: null));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.Base + "parents-access-required");
        Assert.Equal("parentsKeepDigitalAccess", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Register_WhenNoTaskIsDelegated_Is400NamingDelegatedScopes()
    {
        var body = Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true);
        body["delegatedScopes"] = new JsonArray();
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal("delegatedScopes", problem.GetProperty("field").GetString());
        Assert.Empty(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Theory]
    [InlineData("fosterParents", null, "carer-required", "fosterParents")]
    [InlineData("fosterParents", "child", "foster-parent-is-child", "fosterParents[0]")]
    [InlineData("fosterParents", "minor", "foster-parent-not-eligible", "fosterParents[0]")]
    [InlineData("validTo", "2026-10-01", "end-date-before-start", "validTo")]
    public async Task Register_WhenARuleIsBroken_Is422NamingTheField(string property, string? value, string code, string field)
    {
        var body = Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true);
        body[property] = property == "fosterParents"
            ? value switch { null => new JsonArray(), "child" => new JsonArray(Seed.OliverFosterChild), _ => new JsonArray(Seed.SofieFosterChild12To15) }
            : value;
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.Base + code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Theory]
    [InlineData("delegatedScopes", "consents", "delegatedScopes[0]")]
    [InlineData("legalBasis", "adoption", "legalBasis")]
    [InlineData("child", "12345678901", "child")]
    public async Task Register_WhenTheBodyCannotBeRead_Is400NamingTheField(string property, string value, string field)
    {
        var body = Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true);
        body[property] = property == "delegatedScopes" ? new JsonArray(value) : value;
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task CaseworkerFromAnotherMunicipality_IsRefusedEveryChangeAndRead()
    {
        var relation = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        var id = relation.GetProperty("id").GetString();
        using var bergen = app.Caseworker(Bergen);

        using (var register = await bergen.PostAsJsonAsync(Url("/api/v1/care-relations"), Registration(Seed.SofieFosterChild12To15, "care-order", false)))
        {
            await ProblemAssert.IsProblem(register, HttpStatusCode.Forbidden, ProblemTypes.Base + "other-municipality");
        }

        var change = Registration(Seed.OliverFosterChild, "care-order", false, reference: "BV-2026-00500");
        change["version"] = 2;
        change.Remove("municipality");
        using (var put = await bergen.PutAsJsonAsync(Url($"/api/v1/care-relations/{id}"), change))
        {
            await ProblemAssert.IsProblem(put, HttpStatusCode.Forbidden, ProblemTypes.Base + "other-municipality");
        }

        using (var end = await bergen.PostAsJsonAsync(Url($"/api/v1/care-relations/{id}/end"),
            new JsonObject { ["version"] = 2, ["decisionReference"] = "BV-2026-00501", ["endDate"] = "2026-12-01", ["reason"] = "Moved home." }))
        {
            await ProblemAssert.IsProblem(end, HttpStatusCode.Forbidden, ProblemTypes.Base + "other-municipality");
        }

        using (var get = await bergen.GetAsync(Url($"/api/v1/care-relations/{id}")))
        {
            await ProblemAssert.IsProblem(get, HttpStatusCode.Forbidden, ProblemTypes.Base + "other-municipality");
        }

        var list = await bergen.GetFromJsonAsync<JsonElement>(Url($"/api/v1/care-relations?child={Seed.OliverFosterChild}"));
        Assert.Equal(0, list.GetProperty("relations").GetArrayLength());
        Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        Assert.Empty(await app.EventsAsync(Seed.SofieFosterChild12To15));
    }

    [Fact]
    public async Task CallerWithoutTheRole_IsRefused()
    {
        using var client = app.Caseworker(Oslo, AppRoles.RepresentationAdminister);
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), Registration(Seed.OliverFosterChild, "voluntary-placement", true));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Change_CreatesANewVersionKeepingTheOldAndRecordsCaseworkerDecisionAndTime()
    {
        var relation = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        var id = relation.GetProperty("id").GetString();
        app.Today(2026, 12, 3);

        var change = Registration(Seed.OliverFosterChild, "care-order", parentsKeep: false, fosterParents: [Seed.HildeFosterMother], scopes: ["appointments-primary-care"], reference: "BV-2026-00777");
        change["version"] = 2;
        using var client = app.Caseworker();
        using var response = await client.PutAsJsonAsync(Url($"/api/v1/care-relations/{id}"), change);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var read = await client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/care-relations/{id}"));
        var history = read.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(["registered", "changed"], history.Select(v => v.GetProperty("change").GetString()));
        Assert.Equal("voluntary-placement", history[0].GetProperty("legalBasis").GetString());
        Assert.Equal("BV-2026-00417", history[0].GetProperty("decisionReference").GetString());
        Assert.Equal("care-order", history[1].GetProperty("legalBasis").GetString());
        Assert.Equal("BV-2026-00777", history[1].GetProperty("decisionReference").GetString());
        Assert.All(history, v => Assert.Equal(CaseworkerId, v.GetProperty("changedBy").GetString()));
        Assert.All(history, v => Assert.Equal("caseworker-api", v.GetProperty("channel").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), history[0].GetProperty("changedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.Zero), history[1].GetProperty("changedAt").GetDateTimeOffset());

        // The new version counts on the next decision: Tor is no longer named, parents lose access, scope narrowed.
        Assert.False((await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
        Assert.Empty(await app.RepresentedAsync(Seed.TorFosterFather));
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.LinnMotherOfFosterChild, Seed.OliverFosterChild, Scope.AccessLog)).IsAllowed);
        Assert.Equal(["foster-relation.changed", "foster-relation.registered"], (await app.EventsAsync(Seed.OliverFosterChild)).Select(e => e.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Change_WhenTheVersionIsOutOfTurn_Is409AndNothingChanges()
    {
        var relation = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        var change = Registration(Seed.OliverFosterChild, "care-order", parentsKeep: false, reference: "BV-2026-00778");
        change["version"] = 3;
        using var client = app.Caseworker();
        using var response = await client.PutAsJsonAsync(Url($"/api/v1/care-relations/{relation.GetProperty("id").GetString()}"), change);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, ProblemTypes.Base + "version-conflict");
        Assert.Equal("version", problem.GetProperty("field").GetString());
        Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Fact]
    public async Task Register_WhenTheSameDecisionAndVersionArriveTwice_AppliesOnceAndAnswersWithTheSameRelation()
    {
        var first = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        using var client = app.Caseworker();
        using var again = await client.PostAsJsonAsync(Url("/api/v1/care-relations"), Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Fact]
    public async Task Register_WhenAnotherRelationCoversThePeriod_Is409()
    {
        await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url("/api/v1/care-relations"),
            Registration(Seed.OliverFosterChild, "emergency-placement", parentsKeep: false, reference: "BV-2026-00999", validFrom: "2026-12-01"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, ProblemTypes.Base + "relation-overlaps");
    }

    [Fact]
    public async Task End_FosterParentsAreRefusedOnTheDayAfterAndParentsFollowTheUsualRulesAgain()
    {
        var relation = await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "care-order", parentsKeep: false));
        var id = relation.GetProperty("id").GetString();
        using var client = app.Caseworker();
        using var response = await client.PostAsJsonAsync(Url($"/api/v1/care-relations/{id}/end"),
            new JsonObject { ["version"] = 2, ["decisionReference"] = "BV-2026-00888", ["endDate"] = "2026-12-01", ["reason"] = "Returned home." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ended = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ended", ended.GetProperty("status").GetString());
        Assert.Equal("Returned home.", ended.GetProperty("current").GetProperty("endReason").GetString());

        // Through its last day the relation still applies.
        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.SofieFosterChild12To15, Scope.Appointments)).IsAllowed);
        app.Today(2026, 12, 2);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.SofieFosterChild12To15, Scope.Appointments)).IsAllowed);
        Assert.Empty(await app.RepresentedAsync(Seed.HildeFosterMother));
        Assert.True((await app.DecideAsync(Seed.MonaMotherOfFosterChild, Seed.SofieFosterChild12To15, RepresentationScopes.AppointmentsPrimaryCare)).IsAllowed);
        Assert.Contains("foster-relation.ended", (await app.EventsAsync(Seed.SofieFosterChild12To15)).Select(e => e.Type));

        var late = Registration(Seed.SofieFosterChild12To15, "care-order", false, reference: "BV-2026-00889");
        late["version"] = 3;
        using var afterEnd = await client.PutAsJsonAsync(Url($"/api/v1/care-relations/{id}"), late);
        await ProblemAssert.IsProblem(afterEnd, HttpStatusCode.Conflict, ProblemTypes.Base + "relation-ended");
    }

    [Fact]
    public async Task End_AFosterParentBooksForTheChildWhileTheRelationAppliesAndNothingAfterIt()
    {
        var relation = await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "care-order", parentsKeep: false));
        var id = relation.GetProperty("id").GetString();
        var schedule = "foster-" + Guid.NewGuid().ToString("N")[..10];
        var first = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        using (var admin = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.SchedulesManage], Oslo)))
        {
            using var saved = await admin.PutAsJsonAsync(Url($"/api/v1/admin/schedules/{schedule}"), new
            {
                name = "Legesenter", kind = "gp", municipality = Oslo, cancellationDeadlineHours = 24, channels = new[] { "in-person" },
            });
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            using var published = await admin.PostAsJsonAsync(Url($"/api/v1/admin/schedules/{schedule}/slots"), new
            {
                slots = new[] { new { start = first, lengthMinutes = 20, channel = "in-person" }, new { start = first.AddHours(1), lengthMinutes = 20, channel = "in-person" } },
            });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        async Task<HttpResponseMessage> BookAsync(DateTimeOffset start)
        {
            using var fosterParent = app.Citizen(Seed.HildeFosterMother);
            using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/api/v1/persons/{Seed.SofieFosterChild12To15}/appointments"))
            {
                Content = JsonContent.Create(new { scheduleId = schedule, slotId = start.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-00" }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await fosterParent.SendAsync(request);
        }

        using (var during = await BookAsync(first))
        {
            Assert.True(during.StatusCode == HttpStatusCode.Created, await during.Content.ReadAsStringAsync());
        }

        using var caseworker = app.Caseworker();
        using (var end = await caseworker.PostAsJsonAsync(Url($"/api/v1/care-relations/{id}/end"),
            new JsonObject { ["version"] = 2, ["decisionReference"] = "BV-2026-00890", ["endDate"] = "2026-12-01", ["reason"] = "Returned home." }))
        {
            Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        }

        app.Today(2026, 12, 2);
        using var after = await BookAsync(first.AddHours(1));
        await ProblemAssert.IsProblem(after, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        using var fosterParentList = app.Citizen(Seed.HildeFosterMother);
        using var list = await fosterParentList.GetAsync(Url($"/api/v1/persons/{Seed.SofieFosterChild12To15}/appointments"));
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task Register_WhenThePeriodHasExpired_GivesNoAccess()
    {
        await app.RegisterAsync(Registration(Seed.OliverFosterChild, "care-order", parentsKeep: false, validFrom: "2026-01-01", validTo: "2026-11-30"));

        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
        Assert.Empty(await app.RepresentedAsync(Seed.HildeFosterMother));
    }

    [Fact]
    public async Task Events_NotifyFosterParentsAndParentsOnlyWhereTheBasisAllows()
    {
        await app.RegisterAsync(Registration(Seed.SofieFosterChild12To15, "care-order", parentsKeep: false));

        var (type, data) = Assert.Single(await app.EventsAsync(Seed.SofieFosterChild12To15));
        Assert.Equal("foster-relation.registered", type);
        Assert.Equal([Seed.HildeFosterMother, Seed.TorFosterFather], data.GetProperty("fosterParents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("careOrder", data.GetProperty("legalBasis").GetString());
        Assert.False(data.GetProperty("parentsKeepDigitalAccess").GetBoolean());
        Assert.Equal(Oslo, data.GetProperty("municipality").GetString());
    }
}
