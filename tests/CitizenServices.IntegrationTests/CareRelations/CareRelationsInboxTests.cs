using static CitizenServices.IntegrationTests.CareRelations.CareRelationsAppFixture;

namespace CitizenServices.IntegrationTests.CareRelations;

/// <summary>
/// The case system's channel: <c>CareRelationsInbox</c> invoked over real HTTP with host-shaped Service Bus payloads,
/// on Azurite. "Acts within scope" is the app's own enforcement decision (<c>SubjectAccessDecider</c>) for
/// <c>appointments</c>: appointment booking is not on this branch.
/// </summary>
[Collection(CareRelationsAppFixture.Collection)]
public sealed class CareRelationsInboxTests(CareRelationsAppFixture app) : IAsyncLifetime
{
    private static readonly Guid RelationId = Guid.Parse("0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonObject Register(string child = Seed.OliverFosterChild, string[]? fosterParents = null, Guid? commandId = null)
    {
        var message = Registration(child, "voluntary-placement", parentsKeep: true, fosterParents: fosterParents, validFrom: "2026-11-01");
        message["schemaVersion"] = 1;
        message["commandId"] = (commandId ?? Guid.NewGuid()).ToString();
        message["kind"] = "register";
        message["relationId"] = RelationId.ToString();
        message["version"] = 1;
        return message;
    }

    private static JsonObject End(int version, string endDate) => new()
    {
        ["schemaVersion"] = 1,
        ["commandId"] = Guid.NewGuid().ToString(),
        ["kind"] = "end",
        ["relationId"] = RelationId.ToString(),
        ["child"] = Seed.OliverFosterChild,
        ["version"] = version,
        ["decisionReference"] = "BV-2026-00999",
        ["municipality"] = Oslo,
        ["endDate"] = endDate,
        ["reason"] = "The placement ended.",
    };

    private Task DeliverAsync(JsonObject message, string? messageId = null) =>
        app.DeliverAsync(message.ToJsonString(), messageId ?? "m-" + Guid.NewGuid());

    [Fact]
    public async Task Scenario_RegisteredByQueue_FosterParentListsActsWithinScopeIsRefusedOutsideAndAfterTheEnd()
    {
        // Registration by queue message.
        await DeliverAsync(Register());

        // The foster parent lists the child.
        var listed = Assert.Single(await app.RepresentedAsync(Seed.TorFosterFather));
        Assert.Equal(Seed.OliverFosterChild, listed.GetProperty("nationalIdentityNumber").GetString());
        Assert.Equal(RelationId.ToString(), Assert.Single(listed.GetProperty("representations").EnumerateArray()).GetProperty("relationId").GetString());

        // Acts within scope (appointments, the enforcement point's decision) ...
        var within = await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, Scope.Appointments);
        Assert.True(within.IsAllowed);
        Assert.Equal(BasisKind.FosterParent, within.Basis!.Kind);

        // ... is refused outside it: health records are not delegated, and the child's access log over real HTTP is not either.
        Assert.False((await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, Scope.HealthRecords)).IsAllowed);
        using (var client = app.Citizen(Seed.TorFosterFather))
        using (var log = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.OliverFosterChild}/access-log", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, log.StatusCode);
        }

        // The relation is ended by the case system, last day today; from tomorrow nothing.
        await DeliverAsync(End(2, "2026-12-01"));
        app.Today(2026, 12, 2);
        Assert.False((await app.DecideAsync(Seed.TorFosterFather, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Messages)).IsAllowed);
        Assert.Empty(await app.RepresentedAsync(Seed.TorFosterFather));
        Assert.Equal(
            ["foster-relation.ended", "foster-relation.registered"],
            (await app.EventsAsync(Seed.OliverFosterChild)).Select(e => e.Type).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deliver_WhenTheSameCommandArrivesThreeTimes_AppliesOnce()
    {
        var command = Register();

        await DeliverAsync(command, "m-first");
        await DeliverAsync(command, "m-first");
        command["commandId"] = Guid.NewGuid().ToString();
        await DeliverAsync(command, "m-second-copy");

        var (type, data) = Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        Assert.Equal("foster-relation.registered", type);
        Assert.Equal(RelationId.ToString(), data.GetProperty("relationId").GetString());
        Assert.Single(await RowsAsync(app.Truth, Seed.OliverFosterChild, "v|"));
        Assert.Empty(await app.ParkedTodayAsync("m-first", "m-second-copy"));
    }

    [Fact]
    public async Task Deliver_WhenACommandBreaksARule_IsParkedAndAnsweredWithAReasonEventAndTheNextValidOneApplies()
    {
        var commandId = Guid.NewGuid();
        var invalid = Register(fosterParents: [Seed.HildeFosterMother, Seed.SofieFosterChild12To15], commandId: commandId);

        var messageId = "m-bad-" + commandId;
        await DeliverAsync(invalid, messageId);
        await DeliverAsync(invalid, messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(messageId));
        Assert.Contains("foster-parent-not-eligible", parked.Reason, StringComparison.Ordinal);
        Assert.Contains("fosterParents[1]", parked.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Seed.SofieFosterChild12To15, parked.Reason, StringComparison.Ordinal);
        var (type, reply) = Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        Assert.Equal("care-relation-command.rejected", type);
        Assert.Equal(commandId.ToString(), reply.GetProperty("commandId").GetString());
        Assert.Equal("foster-parent-not-eligible", reply.GetProperty("code").GetString());
        Assert.Equal("fosterParents[1]", reply.GetProperty("field").GetString());
        Assert.Equal("https://citizen-services.helsenorge.no/problems/foster-parent-not-eligible", reply.GetProperty("problemType").GetString());
        Assert.Equal("BV-2026-00417", reply.GetProperty("decisionReference").GetString());
        Assert.False((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);

        await DeliverAsync(Register());

        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
    }

    [Fact]
    public async Task Deliver_WhenTheMessageBreaksTheSchema_IsParkedAndAnsweredNamingTheField()
    {
        var message = Register();
        message["legalBasis"] = "adoption";

        var messageId = "m-" + Guid.NewGuid();
        await DeliverAsync(message, messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(messageId));
        Assert.StartsWith("invalid-message (legalBasis)", parked.Reason, StringComparison.Ordinal);
        var (type, reply) = Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        Assert.Equal("care-relation-command.rejected", type);
        Assert.Equal("legalBasis", reply.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Deliver_WhenTheBodyIsNotJson_IsParkedWithoutAReply()
    {
        var messageId = "m-garbage-" + Guid.NewGuid();
        await app.DeliverAsync("{ not json", messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(messageId));
        Assert.Contains("not JSON", parked.Reason, StringComparison.Ordinal);
        Assert.Empty(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Fact]
    public async Task Deliver_WhenAnotherMunicipalityEndsTheRelation_IsRejectedAndTheRelationStands()
    {
        await DeliverAsync(Register());
        var end = End(2, "2026-12-01");
        end["municipality"] = Bergen;

        var messageId = "m-" + Guid.NewGuid();
        await DeliverAsync(end, messageId);

        Assert.Contains("other-municipality", Assert.Single(await app.ParkedTodayAsync(messageId)).Reason, StringComparison.Ordinal);
        app.Today(2026, 12, 5);
        Assert.True((await app.DecideAsync(Seed.HildeFosterMother, Seed.OliverFosterChild, Scope.Appointments)).IsAllowed);
    }

    [Fact]
    public async Task RepairIndex_RewritesAMissingFosterParentRow()
    {
        await DeliverAsync(Register());
        foreach (var row in await RowsAsync(app.Index, Seed.HildeFosterMother, IndexPrefix))
        {
            await app.Index.DeleteAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Empty(await app.RepresentedAsync(Seed.HildeFosterMother));
        using var admin = app.Factory.CreateClient(app.Factory.Tokens.Workforce([Functions.Authentication.AppRoles.RepresentationAdminister], Oslo));
        using var response = await admin.PostAsync(
            new Uri("/api/v1/admin/representation-index/repair", UriKind.Relative),
            new StringContent(new JsonObject { ["principal"] = Seed.OliverFosterChild }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kind = body["kinds"]!.AsArray().Single(k => k!["kind"]!.GetValue<string>() == "fostercare")!;
        Assert.Equal(1, kind["rewritten"]!.GetValue<int>());
        Assert.Single(await app.RepresentedAsync(Seed.HildeFosterMother));
    }
}
