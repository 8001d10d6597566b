namespace CitizenServices.IntegrationTests.Nettlege;

/// <summary>
/// Nettlege through real HTTP, Azurite and the committed seed register (docs/population-register.md): Kari and her
/// daughter Emma live in Oslo (0301), Ingrid in Bergen (4601), Silje in Trondheim (5001).
/// </summary>
public sealed class NettlegeApiTests(NettlegeAppFixture app) : IClassFixture<NettlegeAppFixture>, IAsyncLifetime
{
    private const string Oslo = "0301";
    private const string Bergen = "4601";
    private const string Trondheim = "5001";
    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    public async Task InitializeAsync()
    {
        app.Now("2026-06-01T13:00:00+02:00");
        await app.ClearAsync([Oslo, Bergen, Trondheim], [Seed.KariMother, Seed.EmmaUnder12, Seed.IngridMotherOfTeenagers, Seed.SiljeMotherOfHenrik]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> AvailabilityAsync(string caller, string subject = "me")
    {
        using var client = app.Citizen(caller);
        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{subject}/nettlege/availability", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task<HttpResponseMessage> TriageAsync(string caller, object body, string subject = "me")
    {
        using var client = app.Citizen(caller);
        return await client.PostAsJsonAsync(new Uri($"/api/v1/persons/{subject}/nettlege/triage", UriKind.Relative), body);
    }

    private static object NettlegeAnswers(string ownGp = "no") => NettlegeAppFixture.NettlegeAnswers(ownGp);

    private async Task ConfigureAsync(string municipality, object body)
    {
        using var response = await app.PutPilotAsync(municipality, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> PilotRowCountAsync(string municipality)
    {
        var count = 0;
        await foreach (var _ in app.Pilots.QueryPartitionAsync<Azure.Data.Tables.TableEntity>(municipality))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task ConfigurePilot_WhenAdministratorOfTheMunicipality_StoresVersionsWithWhoAndWhen()
    {
        using var first = await app.PutPilotAsync(Oslo, NettlegeAppFixture.Pilot());
        using var same = await app.PutPilotAsync(Oslo, NettlegeAppFixture.Pilot());
        app.Now("2026-06-02T09:00:00+02:00");
        using var changed = await app.PutPilotAsync(Oslo, NettlegeAppFixture.Pilot(consultationsPerHour: 12));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/api/v1/nettlege/pilots/0301", first.Headers.Location?.OriginalString);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("aaaaaaaa-0000-0000-0000-000000000001", created.GetProperty("changedBy").GetString());
        var configuration = created.GetProperty("configuration");
        Assert.Equal(7, configuration.GetProperty("openingHours").GetArrayLength());
        Assert.Equal("12:00", configuration.GetProperty("openingHours")[0].GetProperty("opens").GetString());
        Assert.Equal("116 117", configuration.GetProperty("outOfHoursPhone").GetString());
        // Saving what is current adds no version.
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(1, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        using var client = app.Administrator(Oslo);
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/nettlege/pilots", UriKind.Relative));
        var pilot = Assert.Single(list.GetProperty("pilots").EnumerateArray());
        Assert.Equal(2, pilot.GetProperty("version").GetInt32());
        Assert.Equal(12, pilot.GetProperty("configuration").GetProperty("consultationsPerHour").GetInt32());
        Assert.Equal([2, 1], list.GetProperty("history").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal(DateTimeOffset.Parse("2026-06-02T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            list.GetProperty("history")[0].GetProperty("changedAt").GetDateTimeOffset());

        var plan = await app.WithAccessAsync(access => access.SlotPlanAsync(Oslo, CancellationToken.None));
        Assert.NotNull(plan);
        Assert.Equal((TimeSpan.FromMinutes(15), 12, true), (plan.SlotLength, plan.ConsultationsPerHour, plan.Enabled));
        Assert.Equal(new TimeOnly(22, 0), plan.OpeningHours.Days[0].Closes);
    }

    [Fact]
    public async Task ConfigurePilot_WhenAdministratorOfAnotherMunicipality_IsForbiddenAndNothingIsWritten()
    {
        using var response = await app.PutPilotAsync(Oslo, NettlegeAppFixture.Pilot(), asMunicipality: Bergen);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Problems + "forbidden");
        Assert.Equal(0, await PilotRowCountAsync(Oslo));
    }

    [Fact]
    public async Task ListPilots_WhenAdministratorOfAnotherMunicipality_SeesOnlyTheirOwn()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());

        using var client = app.Administrator(Bergen);
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/nettlege/pilots", UriKind.Relative));

        Assert.Equal(0, list.GetProperty("pilots").GetArrayLength());
        Assert.Equal(0, list.GetProperty("history").GetArrayLength());
    }

    private async Task<JsonElement> PilotAvailabilityAsync(string municipality)
    {
        using var client = app.Administrator(municipality);
        using var response = await client.GetAsync(new Uri($"/api/v1/nettlege/pilots/{municipality}/availability", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Fact]
    public async Task PilotAvailability_WhenAdministratorOfTheMunicipality_IsWhatItsResidentsAreToldNow()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());

        var open = await PilotAvailabilityAsync(Oslo);
        var kari = await AvailabilityAsync(Seed.KariMother);
        app.Now("2026-06-01T23:00:00+02:00");
        var closed = await PilotAvailabilityAsync(Oslo);

        // The same decision a resident (Kari, Oslo) gets, field for field.
        Assert.Equal(kari.GetRawText(), open.GetRawText());
        Assert.True(open.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-06-01T22:00:00+02:00", open.GetProperty("closesAt").GetString());
        Assert.True(closed.GetProperty("available").GetBoolean());
        Assert.False(closed.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-06-02T12:00:00+02:00", closed.GetProperty("nextOpening").GetString());
    }

    [Fact]
    public async Task PilotAvailability_WhenTheMunicipalityHasNoPilot_SaysWhyNot()
    {
        var availability = await PilotAvailabilityAsync(Trondheim);

        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.Equal("no-pilot", availability.GetProperty("whyNot").GetString());
    }

    [Fact]
    public async Task PilotAvailability_WhenAdministratorOfAnotherMunicipality_IsForbidden()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());
        using var client = app.Administrator(Bergen);

        using var response = await client.GetAsync(new Uri($"/api/v1/nettlege/pilots/{Oslo}/availability", UriKind.Relative));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Problems + "forbidden");
    }

    [Fact]
    public async Task ConfigurePilot_WhenCallerIsACitizen_IsRefused()
    {
        using var client = app.Citizen(Seed.KariMother);
        using var response = await client.PutAsJsonAsync(new Uri($"/api/v1/nettlege/pilots/{Oslo}", UriKind.Relative), NettlegeAppFixture.Pilot());

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(0, await PilotRowCountAsync(Oslo));
    }

    [Fact]
    public async Task ConfigurePilot_WhenRulesAreBroken_Is422NamingEveryFieldAndNothingIsWritten()
    {
        var body = new
        {
            enabled = true, validFrom = "2026-06-01", validTo = "2026-05-01", slotLengthMinutes = 15, consultationsPerHour = 6,
            feeText = "Egenandel", openingHours = new[] { new { day = "monday", opens = "12:00", closes = "11:00" } },
        };

        using var response = await app.PutPilotAsync(Oslo, body);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "period-end-before-start");
        Assert.Equal("validTo", problem.GetProperty("field").GetString());
        Assert.Equal(new string?[] { "validTo", "consultationsPerHour", "openingHours[0].closes" },
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToArray());
        Assert.Equal(0, await PilotRowCountAsync(Oslo));
    }

    [Fact]
    public async Task ConfigurePilot_WhenAFieldHasTheWrongJsonType_Is400()
    {
        using var response = await app.PutPilotAsync(Oslo, new { enabled = "yes" });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, Problems + "invalid-request");
        Assert.Equal(0, await PilotRowCountAsync(Oslo));
    }

    [Fact]
    public async Task Availability_WhenMunicipalityHasAnEnabledPilotInItsPeriod_IsAvailableAndOpen()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());

        var availability = await AvailabilityAsync(Seed.KariMother);

        Assert.True(availability.GetProperty("available").GetBoolean());
        Assert.True(availability.GetProperty("openNow").GetBoolean());
        Assert.Equal("2026-06-01T22:00:00+02:00", availability.GetProperty("closesAt").GetString());
        Assert.Equal("2026-06-02T12:00:00+02:00", availability.GetProperty("nextOpening").GetString());
        Assert.Equal(JsonValueKind.Null, availability.GetProperty("whyNot").ValueKind);
        Assert.Equal("Egenandel som for videokonsultasjon på legevakt.", availability.GetProperty("feeText").GetString());
        Assert.True(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.IsAvailableAsync(kari, CancellationToken.None)));
    }

    [Theory]
    [InlineData("2026-06-01T11:59:00+02:00", false, "2026-06-01T12:00:00+02:00")]
    [InlineData("2026-06-01T12:00:00+02:00", true, "2026-06-02T12:00:00+02:00")]
    [InlineData("2026-06-01T21:59:00+02:00", true, "2026-06-02T12:00:00+02:00")]
    [InlineData("2026-06-01T22:00:00+02:00", false, "2026-06-02T12:00:00+02:00")]
    [InlineData("2026-10-25T11:59:00+01:00", false, "2026-10-25T12:00:00+01:00")] // autumn change day
    [InlineData("2026-10-25T12:00:00+01:00", true, "2026-10-26T12:00:00+01:00")]
    public async Task Availability_WhenAroundOpeningHours_SaysWhetherOpenNowInOsloTime(string now, bool openNow, string nextOpening)
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());
        app.Now(now);

        var availability = await AvailabilityAsync(Seed.KariMother);

        Assert.True(availability.GetProperty("available").GetBoolean());
        Assert.Equal(openNow, availability.GetProperty("openNow").GetBoolean());
        Assert.Equal(nextOpening, availability.GetProperty("nextOpening").GetString());
    }

    [Fact]
    public async Task Availability_WhenMunicipalityHasNoPilot_IsOffWithNoPilot()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());

        var availability = await AvailabilityAsync(Seed.IngridMotherOfTeenagers);

        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.False(availability.GetProperty("openNow").GetBoolean());
        Assert.Equal("no-pilot", availability.GetProperty("whyNot").GetString());
        Assert.Equal("116 117", availability.GetProperty("outOfHoursPhone").GetString());
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", false, "pilot-disabled")]
    [InlineData("2026-06-02", "2026-12-31", true, "before-period")]
    [InlineData("2026-01-01", "2026-05-31", true, "after-period")]
    [InlineData("2026-06-01", "2026-06-01", true, null)] // first and last day
    public async Task Availability_WhenPilotIsDisabledOrOutsideItsPeriod_IsOff(string from, string to, bool enabled, string? whyNot)
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot(enabled, from, to));

        var availability = await AvailabilityAsync(Seed.KariMother);

        Assert.Equal(whyNot is null, availability.GetProperty("available").GetBoolean());
        Assert.Equal(whyNot, availability.GetProperty("whyNot").GetString());
        Assert.Equal(whyNot is null, await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.IsAvailableAsync(kari, CancellationToken.None)));
    }

    [Fact]
    public async Task Availability_WhenAParentAsksForTheirChild_UsesTheChildsMunicipality()
    {
        await ConfigureAsync(Oslo, NettlegeAppFixture.Pilot());

        var availability = await AvailabilityAsync(Seed.KariMother, Seed.EmmaUnder12);

        Assert.True(availability.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task Availability_WhenCallerMayNotActForTheSubject_IsForbidden()
    {
        using var client = app.Citizen(Seed.SiljeMotherOfHenrik);
        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.KariMother}/nettlege/availability", UriKind.Relative));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, Problems + "forbidden");
    }

    [Fact]
    public async Task Questionnaire_WhenRead_IsTheCurrentVersionWithRedFlagsFirst()
    {
        using var client = app.Citizen(Seed.KariMother);

        var questionnaire = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/nettlege/questionnaire", UriKind.Relative));

        Assert.Equal(1, questionnaire.GetProperty("version").GetInt32());
        var first = questionnaire.GetProperty("steps")[0];
        Assert.Equal("red-flags", first.GetProperty("id").GetString());
        Assert.Equal("checklist", first.GetProperty("kind").GetString());
        Assert.Contains("none-of-these", first.GetProperty("answerCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.All(questionnaire.GetProperty("steps").EnumerateArray().SelectMany(s => s.GetProperty("questions").EnumerateArray()),
            q => Assert.False(string.IsNullOrEmpty(q.GetProperty("concept").GetString())));
    }

    [Fact]
    public async Task Triage_WhenAnswersLeadToNettlege_IsStoredAndCountsAsRecentForSomeHours()
    {
        using var response = await TriageAsync(Seed.KariMother, NettlegeAnswers());

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var triage = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("nettlege", triage.GetProperty("outcome").GetString());
        Assert.Equal("book-nettlege", triage.GetProperty("nextStep").GetString());
        Assert.Equal(1, triage.GetProperty("questionnaireVersion").GetInt32());
        Assert.Equal("timely-gp-appointment", triage.GetProperty("reasons")[0].GetProperty("code").GetString());

        var recent = await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None));
        Assert.NotNull(recent);
        Assert.Equal(triage.GetProperty("id").GetGuid(), recent.Id);
        Assert.Equal(["no"], recent.Answers["own-gp"]);
        Assert.Equal(Seed.KariMother, recent.AnsweredBy.Value);

        app.Clock.Advance(TimeSpan.FromHours(6));
        Assert.NotNull(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None)));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None)));
    }

    [Fact]
    public async Task Triage_TwoAtTheSameInstant_TheHigherLevelOfCareCountsWhicheverIdSortsFirst()
    {
        var kari = Domain.Identity.NationalIdentityNumber.Parse(Seed.KariMother);
        var at = app.Clock.GetUtcNow();
        var store = app.Factory.Services.GetRequiredService<Application.Nettlege.Triage.ITriageStore>();
        var advice = new Domain.Nettlege.Triage.TriageAdvice("…", "…");
        Application.Nettlege.Triage.StoredTriage Triage(string id, Domain.Nettlege.Triage.TriageOutcome outcome) => new(
            Guid.Parse(id), kari, kari, at, new Dictionary<string, IReadOnlyList<string>>(),
            new Domain.Nettlege.Triage.TriageResult(1, outcome, [], advice));

        // The nettlege row's id sorts before the emergency row's, so the first row read is the nettlege one.
        await store.SaveAsync(Triage("00000000-0000-0000-0000-000000000001", Domain.Nettlege.Triage.TriageOutcome.Nettlege), CancellationToken.None);
        await store.SaveAsync(Triage("ffffffff-0000-0000-0000-000000000001", Domain.Nettlege.Triage.TriageOutcome.Emergency), CancellationToken.None);

        var latest = await store.LatestSinceAsync(kari, at.AddHours(-1), CancellationToken.None);

        Assert.Equal(Domain.Nettlege.Triage.TriageOutcome.Emergency, latest?.Result.Outcome);
        Assert.Null(await app.WithAccessAsync(Seed.KariMother, (a, k) => a.RecentNettlegeTriageAsync(k, CancellationToken.None)));
    }

    [Fact]
    public async Task Triage_WhenALaterTriageIsEmergency_NoRecentNettlegeOutcomeRemains()
    {
        using var nettlege = await TriageAsync(Seed.KariMother, NettlegeAnswers());
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using var emergency = await TriageAsync(Seed.KariMother, new
        {
            questionnaireVersion = 1,
            answers = new Dictionary<string, string[]> { ["red-flags"] = ["chest-pain"] },
        });

        Assert.Equal("emergency", (await emergency.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Null(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None)));
    }

    [Fact]
    public async Task Triage_WhenAParentTriagesTheirChild_IsStoredForTheChildAnsweredByTheParent()
    {
        using var response = await TriageAsync(Seed.KariMother, NettlegeAnswers(), Seed.EmmaUnder12);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recent = await app.WithAccessAsync(Seed.EmmaUnder12, (a, emma) => a.RecentNettlegeTriageAsync(emma, CancellationToken.None));
        Assert.NotNull(recent);
        Assert.Equal(Seed.KariMother, recent.AnsweredBy.Value);
        Assert.Null(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None)));
    }

    [Fact]
    public async Task Triage_WhenQuestionnaireVersionIsUnknown_Is422AndNothingIsStored()
    {
        using var response = await TriageAsync(Seed.KariMother, new { questionnaireVersion = 99, answers = new Dictionary<string, string[]>() });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "unknown-questionnaire-version");
        Assert.Equal("questionnaireVersion", problem.GetProperty("field").GetString());
        Assert.Null(await app.WithAccessAsync(Seed.KariMother, (a, kari) => a.RecentNettlegeTriageAsync(kari, CancellationToken.None)));
    }

    [Fact]
    public async Task Triage_WhenAnAnswerCodeIsUnknown_Is422NamingIt()
    {
        using var response = await TriageAsync(Seed.KariMother, new
        {
            questionnaireVersion = 1,
            answers = new Dictionary<string, string[]> { ["red-flags"] = ["none-of-these", "headache"] },
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "unknown-answer");
        Assert.Equal("answers.red-flags[1]", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Triage_WhenVersionIsMissing_Is400NamingIt()
    {
        using var response = await TriageAsync(Seed.KariMother, new { answers = new Dictionary<string, string[]>() });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, Problems + "invalid-request");
        Assert.Equal("questionnaireVersion", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Triage_WhenNothingIsAnswered_Is422NamingEveryUnansweredStepAndNothingIsStored()
    {
        using var response = await TriageAsync(Seed.KariMother, new { questionnaireVersion = 1, answers = new Dictionary<string, string[]>() });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "unanswered-question");
        Assert.Equal("answers.red-flags", problem.GetProperty("field").GetString());
        Assert.Equal(
            ["answers.red-flags", "answers.urgent", "answers.not-for-nettlege", "answers.self-care", "answers.own-gp"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Null(await LatestTriageAsync(Seed.KariMother));
    }

    [Fact]
    public async Task Triage_WhenTheRedFlagStepIsMissing_Is422NamingItInsteadOfEmergency()
    {
        using var response = await TriageAsync(Seed.KariMother, new
        {
            questionnaireVersion = 1,
            answers = new Dictionary<string, string[]>
            {
                ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"], ["self-care"] = ["no"], ["own-gp"] = ["no"],
            },
        });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "unanswered-question");
        Assert.Equal(["answers.red-flags"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Null(await LatestTriageAsync(Seed.KariMother));
    }

    [Fact]
    public async Task Triage_WhenRedFlagsAreAnsweredBothWays_StillResolvesUpwardsToEmergency()
    {
        using var response = await TriageAsync(Seed.KariMother, new
        {
            questionnaireVersion = 1,
            answers = new Dictionary<string, string[]> { ["red-flags"] = ["none-of-these", "chest-pain"] },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("emergency", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Triage_WhenOwnGpIsAnsweredBothWays_StillResolvesUpwardsToRegularGp()
    {
        using var response = await TriageAsync(Seed.KariMother, new
        {
            questionnaireVersion = 1,
            answers = new Dictionary<string, string[]>
            {
                ["red-flags"] = ["none-of-these"], ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"],
                ["self-care"] = ["no"], ["own-gp"] = ["yes", "no"],
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("regular-gp", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
    }

    private Task<Application.Nettlege.Triage.StoredTriage?> LatestTriageAsync(string person) =>
        app.Factory.Services.GetRequiredService<Application.Nettlege.Triage.ITriageStore>()
            .LatestSinceAsync(Domain.Identity.NationalIdentityNumber.Parse(person), app.Clock.GetUtcNow().AddHours(-1), CancellationToken.None);
}

public sealed class NettlegeFeatureOffTests(NettlegeFeatureOffFixture app) : IClassFixture<NettlegeFeatureOffFixture>
{
    [Fact]
    public async Task Availability_WhenTheFeatureIsSwitchedOffInConfiguration_IsOffEvenWithAnActivePilot()
    {
        app.Now("2026-06-01T13:00:00+02:00");
        await app.ClearAsync(["1103"], []);
        using (var put = await app.PutPilotAsync("1103", NettlegeAppFixture.Pilot()))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        using var client = app.Citizen(Seed.EspenFatherOfAksel);
        var availability = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/nettlege/availability", UriKind.Relative));

        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.Equal("feature-off", availability.GetProperty("whyNot").GetString());
    }
}
