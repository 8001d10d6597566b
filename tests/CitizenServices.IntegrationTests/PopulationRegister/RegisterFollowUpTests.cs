using CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;

namespace CitizenServices.IntegrationTests.PopulationRegister;

/// <summary>
/// What the register follower does beyond the replica (docs/population-register.md, "A replaced number" and "A death"):
/// a D-number replaced by a birth number moves every stored relation to the birth number, and a death ends the deceased's
/// fullmakter with their events. Each step changes the register double through its control API and runs the app's own
/// follower; a replay of the whole feed from zero must leave the same state and raise nothing twice. Birth dates are this
/// class's own, so the double's synthetic numbers never meet another class's people in the shared storage.
/// </summary>
public sealed class RegisterFollowUpTests(RegisterScenarioFixture app) : IClassFixture<RegisterScenarioFixture>
{
    private BoundedTable People => app.Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.People);

    [Fact]
    public async Task ReplaceNumber_WhenTheGiverOfAFullmaktAndConsentsGetsABirthNumber_EverythingFollowsThePerson()
    {
        var dNumber = await DNumberAsync("Giver", "1961-01-11");
        var holder = await PersonAsync("Holder", "1961-02-12");
        await app.FollowAsync();
        var fullmaktId = await GrantAsync(dNumber, holder, "appointments");
        await DecideConsentAsync(dNumber, "withdrawn");
        await DecideConsentAsync(dNumber, "given");
        Assert.True((await DecideAsync(holder, dNumber, Scope.Appointments)).IsAllowed);

        var birthNumber = await ReplaceAsync(dNumber);

        // Rule: a person whose D-number is replaced by a birth number keeps every relation.
        Assert.True((await DecideAsync(holder, birthNumber, Scope.Appointments)).IsAllowed);
        Assert.False((await DecideAsync(holder, dNumber, Scope.Appointments)).IsAllowed);
        Assert.Contains(birthNumber, await app.RepresentedAsync(holder));
        Assert.DoesNotContain(dNumber, await app.RepresentedAsync(holder));
        var given = Assert.Single((await FullmakterAsync(birthNumber)).GetProperty("given").EnumerateArray());
        Assert.Equal((fullmaktId, birthNumber, "active"), (given.GetProperty("id").GetString(), given.GetProperty("giver").GetString(), given.GetProperty("status").GetString()));
        var received = Assert.Single((await FullmakterAsync(holder)).GetProperty("received").EnumerateArray());
        Assert.Equal(birthNumber, received.GetProperty("giver").GetString());

        var consent = await ConsentHistoryAsync(birthNumber);
        Assert.Equal(["given", "withdrawn"], consent.EnumerateArray().Select(h => h.GetProperty("decision").GetString()));

        // The former number's partition keeps only the record of the replacement; the record is under both numbers.
        Assert.Equal([$"n|{birthNumber}"], (await RowsAsync(dNumber)).Select(r => r.RowKey).Where(k => !k.StartsWith("outbox|", StringComparison.Ordinal)));
        var record = (await RowsAsync(birthNumber)).Single(r => r.RowKey == $"n|{dNumber}");
        Assert.Equal((dNumber, birthNumber, 1, 1), (record.GetString("Former"), record.GetString("Current"), record.GetInt32("FullmakterGiven"), record.GetInt32("ConsentDecisions")));
    }

    [Fact]
    public async Task ReplaceNumber_WhenTheHolderOfAFullmaktGetsABirthNumber_TheBirthNumberActsForTheGiver()
    {
        var giver = await PersonAsync("Giver", "1962-03-13");
        var dNumber = await DNumberAsync("Holder", "1962-04-14");
        await app.FollowAsync();
        var fullmaktId = await GrantAsync(giver, dNumber, "appointments");

        var birthNumber = await ReplaceAsync(dNumber);

        Assert.True((await DecideAsync(birthNumber, giver, Scope.Appointments)).IsAllowed);
        Assert.Contains(giver, await app.RepresentedAsync(birthNumber));
        var given = Assert.Single((await FullmakterAsync(giver)).GetProperty("given").EnumerateArray());
        Assert.Equal((fullmaktId, birthNumber), (given.GetProperty("id").GetString(), given.GetProperty("representative").GetString()));
        Assert.Equal(1, (await RowsAsync(birthNumber)).Single(r => r.RowKey == $"n|{dNumber}").GetInt32("FullmakterReceived"));

        // No index row names the former number any more.
        Assert.Empty(await IndexRowsAsync(dNumber));
    }

    [Fact]
    public async Task ReplaceNumber_WhenAFosterParentGetsABirthNumber_TheRelationGetsAVersionByTheRegisterWithItsEvent()
    {
        var home = app.Address();
        var child = await PersonAsync("Fosterbarn", "2021-05-15", home);
        var dNumber = await DNumberAsync("Fostermor", "1963-05-15", home);
        var other = await PersonAsync("Fosterfar", "1963-06-16", home);
        await app.FollowAsync();
        var relationId = await RegisterCareRelationAsync(child, [dNumber, other]);
        Assert.True((await DecideAsync(dNumber, child, Scope.Appointments)).IsAllowed);

        var birthNumber = await ReplaceAsync(dNumber);

        Assert.True((await DecideAsync(birthNumber, child, Scope.Appointments)).IsAllowed);
        Assert.True((await DecideAsync(other, child, Scope.Appointments)).IsAllowed);
        Assert.Contains(child, await app.RepresentedAsync(birthNumber));
        var relation = await CareRelationAsync(relationId);
        var versions = relation.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal([birthNumber, other], relation.GetProperty("current").GetProperty("fosterParents").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("folkeregisteret", versions[^1].GetProperty("changedBy").GetString());
        var changed = Assert.Single(await OutboxAsync(child), e => e.Type == "foster-relation.changed");
        Assert.Equal([birthNumber, other], changed.Data.GetProperty("fosterParents").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task ReplaceNumber_WhenTheChildInFosterCareGetsABirthNumber_TheRelationMovesWithTheChild()
    {
        var home = app.Address();
        var dNumber = await DNumberAsync("Barn", "2021-07-17", home);
        var fosterParent = await PersonAsync("Fosterforelder", "1964-07-17", home);
        await app.FollowAsync();
        var relationId = await RegisterCareRelationAsync(dNumber, [fosterParent]);

        var birthNumber = await ReplaceAsync(dNumber);

        Assert.True((await DecideAsync(fosterParent, birthNumber, Scope.Appointments)).IsAllowed);
        Assert.Contains(birthNumber, await app.RepresentedAsync(fosterParent));
        Assert.DoesNotContain(dNumber, await app.RepresentedAsync(fosterParent));
        var relation = await CareRelationAsync(relationId);
        Assert.Equal(birthNumber, relation.GetProperty("child").GetString());
        Assert.Single(relation.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task ReplaceNumber_WhenAGuardianGetsABirthNumber_TheWardIsLookedUpAgainAndTheMandateFollows()
    {
        var ward = await PersonAsync("Vergehaver", "1944-08-18");
        var dNumber = await DNumberAsync("Verge", "1965-08-18");
        await app.Register.PostAsync($"testdouble/persons/{ward}/guardians", new { guardian = dNumber, personal = true, financial = false, health = true });
        await app.FollowAsync();
        Assert.Contains(ward, await app.RepresentedAsync(dNumber));

        var birthNumber = await ReplaceAsync(dNumber);

        Assert.Contains(ward, await app.RepresentedAsync(birthNumber));
        Assert.True((await DecideAsync(birthNumber, ward, Scope.Appointments)).IsAllowed);
        Assert.Empty(await IndexRowsAsync(dNumber));
    }

    [Fact]
    public async Task Death_WhenTheGiverOfOneFullmaktAndHolderOfAnotherDies_BothEndWithOneEventEachEvenAfterAReplay()
    {
        var deceased = await PersonAsync("Avdød", "1946-09-19");
        var holder = await PersonAsync("Fullmektig", "1966-09-19");
        var giver = await PersonAsync("Fullmaktsgiver", "1967-10-20");
        await app.FollowAsync();
        var given = await GrantAsync(deceased, holder, "appointments");
        var held = await GrantAsync(giver, deceased, "messages");

        await app.Register.PostAsync($"testdouble/persons/{deceased}/death", new { date = "2026-12-01" });
        await app.FollowAsync();

        // Rule: a death ends representation both ways; the fullmakter end in storage, with their events.
        var asHolder = Assert.Single((await FullmakterAsync(holder)).GetProperty("received").EnumerateArray());
        Assert.Equal((given, "ended", "death"), (asHolder.GetProperty("id").GetString(), asHolder.GetProperty("status").GetString(), asHolder.GetProperty("endedBy").GetString()));
        var asGiver = Assert.Single((await FullmakterAsync(giver)).GetProperty("given").EnumerateArray());
        Assert.Equal((held, "ended", "death"), (asGiver.GetProperty("id").GetString(), asGiver.GetProperty("status").GetString(), asGiver.GetProperty("endedBy").GetString()));
        await AssertOneDeathEventAsync(deceased, given, deceased);
        await AssertOneDeathEventAsync(giver, held, deceased);

        await ReplayFromZeroAsync();

        await AssertOneDeathEventAsync(deceased, given, deceased);
        await AssertOneDeathEventAsync(giver, held, deceased);
    }

    [Fact]
    public async Task ReplaceNumber_WhenTheFeedIsReplayedFromZero_LeavesTheSameRowsAndMovesNothingTwice()
    {
        var dNumber = await DNumberAsync("Replay", "1968-11-21");
        var holder = await PersonAsync("Replayholder", "1968-12-22");
        await app.FollowAsync();
        await GrantAsync(dNumber, holder, "appointments");
        await DecideConsentAsync(dNumber, "given");
        var birthNumber = await ReplaceAsync(dNumber);
        var before = await SnapshotAsync(birthNumber, dNumber, holder);

        await ReplayFromZeroAsync();

        Assert.Equal(before, await SnapshotAsync(birthNumber, dNumber, holder));
        Assert.True((await DecideAsync(holder, birthNumber, Scope.Appointments)).IsAllowed);
    }

    private async Task<string> PersonAsync(string given, string birthDate, object? address = null) =>
        (await app.Register.PostAsync("testdouble/persons", new { givenName = given, familyName = "Oppfølging", birthDate, address = address ?? app.Address() }))!;

    private async Task<string> DNumberAsync(string given, string birthDate, object? address = null)
    {
        var id = (await app.Register.PostAsync("testdouble/persons", new { givenName = given, familyName = "Oppfølging", birthDate, address = address ?? app.Address(), dNumber = true }))!;
        Assert.Equal(NationalIdentityNumberKind.DNumber, NationalIdentityNumber.Parse(id).Kind);
        return id;
    }

    /// <summary>The double replaces the D-number (event endringIIdentifikasjonsnummer on the new number); the app follows.</summary>
    private async Task<string> ReplaceAsync(string dNumber)
    {
        var birthNumber = (await app.Register.PostAsync($"testdouble/persons/{dNumber}/birth-number", new { }))!;
        Assert.Equal(NationalIdentityNumberKind.Birth, NationalIdentityNumber.Parse(birthNumber).Kind);
        await app.FollowAsync();
        return birthNumber;
    }

    private async Task ReplayFromZeroAsync()
    {
        var feed = app.Factory.Services.GetRequiredService<FolkeregisteretOptions>().FeedName;
        await app.Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox).DeleteAsync("feed|" + feed, "position");
        await app.FollowAsync();
    }

    private async Task<string> GrantAsync(string giver, string representative, string area)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Citizen(giver));
        using var response = await client.PostAsJsonAsync(new Uri($"/api/v1/persons/{giver}/fullmakter", UriKind.Relative), new { representative, serviceAreas = new[] { area } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"grant: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> FullmakterAsync(string person)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Citizen(person));
        return await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative));
    }

    private async Task DecideConsentAsync(string person, string decision)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Citizen(person));
        using var response = await client.PutAsJsonAsync(
            new Uri($"/api/v1/persons/{person}/consents/research-heart-rhythm-study", UriKind.Relative), new { decision, version = "1.1" });
        Assert.True(response.IsSuccessStatusCode, $"consent: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> ConsentHistoryAsync(string person)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Citizen(person));
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/consents/research-heart-rhythm-study/history", UriKind.Relative));
        return body.GetProperty("history");
    }

    private async Task<string> RegisterCareRelationAsync(string child, string[] fosterParents)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Workforce([Functions.Authentication.AppRoles.CareRelationsManage], "0301"));
        var body = new JsonObject
        {
            ["child"] = child,
            ["legalBasis"] = "care-order",
            ["fosterParents"] = new JsonArray([.. fosterParents.Select(p => (JsonNode)p!)]),
            ["decisionReference"] = "BV-2026-9001",
            ["validFrom"] = "2026-11-01",
            ["delegatedScopes"] = new JsonArray("appointments", "messages"),
            ["parentsKeepDigitalAccess"] = false,
        };
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/care-relations", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"care relation: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> CareRelationAsync(string id)
    {
        using var client = app.Factory.CreateClient(app.Factory.Tokens.Workforce([Functions.Authentication.AppRoles.CareRelationsManage], "0301"));
        return await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/care-relations/{id}", UriKind.Relative));
    }

    private async Task<AccessDecision> DecideAsync(string caller, string subject, Scope scope)
    {
        using var services = app.Factory.Services.CreateScope();
        var decider = services.ServiceProvider.GetRequiredService<SubjectAccessDecider>();
        return await decider.DecideAsync(NationalIdentityNumber.Parse(caller), NationalIdentityNumber.Parse(subject), scope, CancellationToken.None);
    }

    private async Task<List<TableEntity>> RowsAsync(string partition) =>
        await People.QueryPartitionAsync<TableEntity>(partition).ToListAsync();

    private async Task<List<TableEntity>> IndexRowsAsync(string representative) =>
        await app.Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.RepresentationsByRepresentative)
            .QueryPartitionAsync<TableEntity>(representative).ToListAsync();

    /// <summary>The events waiting in a partition's outbox (the in-process app has no publisher, so they stay).</summary>
    private async Task<List<(string Type, JsonElement Data)>> OutboxAsync(string partition) =>
        (await People.QueryPartitionAsync<TableEntity>(partition, "outbox|").ToListAsync())
        .Select(r => (r.GetString("EventType"), JsonSerializer.Deserialize<JsonElement>(r.GetString("Data"))))
        .ToList();

    private async Task AssertOneDeathEventAsync(string partition, string fullmaktId, string deceased)
    {
        var ended = Assert.Single(await OutboxAsync(partition), e => e.Type == "fullmakt.ended" && e.Data.GetProperty("fullmaktId").GetString() == fullmaktId);
        Assert.Equal(("expiry", "death", deceased), (ended.Data.GetProperty("endedBy").GetString(), ended.Data.GetProperty("reason").GetString(), ended.Data.GetProperty("deceased").GetString()));
    }

    /// <summary>
    /// Every row of the people and index partitions, keys and values, without timestamps and without the feed position a
    /// fact was applied at (a replay reads the feed in other pages, so a refreshed person is stamped with another page's end).
    /// </summary>
    private async Task<string> SnapshotAsync(params string[] partitions)
    {
        var lines = new List<string>();
        foreach (var partition in partitions)
        {
            foreach (var row in (await RowsAsync(partition)).Concat(await IndexRowsAsync(partition)))
            {
                var values = row.Where(p => p.Key is not ("Timestamp" or "odata.etag" or "LastChangeAt" or "AppliedAt" or "Sequence"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={(p.Value is DateTimeOffset d ? d.UtcTicks : p.Value)}");
                lines.Add($"{row.PartitionKey}/{row.RowKey}: {string.Join(';', values)}");
            }
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
