using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenServices.Application.Guardianship.RepairIndex;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;
using static CitizenServices.IntegrationTests.Guardianship.GuardianshipAppFixture;

namespace CitizenServices.IntegrationTests.Guardianship;

/// <summary>
/// The register feed through <c>GuardianshipInbox</c> over real HTTP and Azurite, and what the policy enforcement point
/// and the listings make of it (the decision from the app's own <c>SubjectAccessDecider</c>: no health-records endpoint
/// exists yet).
/// </summary>
public sealed class GuardianshipInboxTests(GuardianshipAppFixture app) : IClassFixture<GuardianshipAppFixture>, IAsyncLifetime
{
    private static readonly Guid GuardianshipId = Guid.Parse("7c1e9a52-3b4d-4f60-8e21-5a9d0c3b7f18");

    public async Task InitializeAsync()
    {
        app.Today(2026, 12, 1);
        await app.ClearAsync(Ward, Guardian, OtherGuardian);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonObject Change(
        string kind, string registeredAt, string[]? mandate = null, string? validTo = null, string guardian = Guardian, Guid? changeId = null)
    {
        var message = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["changeId"] = (changeId ?? Guid.NewGuid()).ToString(),
            ["kind"] = kind,
            ["guardianshipId"] = GuardianshipId.ToString(),
            ["ward"] = Ward,
            ["guardian"] = guardian,
            ["validTo"] = validTo,
            ["decisionReference"] = "SFVL 2026/0042",
            ["registeredAt"] = registeredAt,
        };
        if (kind != "ended")
        {
            message["mandate"] = new JsonArray((mandate ?? ["personal", "health"]).Select(m => (JsonNode)m!).ToArray());
            message["validFrom"] = "2026-03-01";
        }

        return message;
    }

    private Task<JsonObject> DeliverAsync(JsonObject change, string? messageId = null) =>
        app.DeliverAsync(change.ToJsonString(), messageId ?? "m-" + Guid.NewGuid());

    private async Task<List<JsonElement>> EventsAsync() =>
        (await app.OutboxRowsAsync(Ward))
            .Select(r =>
            {
                Assert.Equal("guardianship.changed", r.GetString("EventType"));
                return JsonSerializer.Deserialize<JsonElement>(r.GetString("Data"));
            })
            .ToList();

    private async Task<JsonElement> RepresentedAsync(string caller)
    {
        using var client = app.Citizen(caller);
        return (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative))).GetProperty("persons");
    }

    [Fact]
    public async Task Apply_WhenAppointedWithPersonalAndHealthMandate_GuardianMayActForHealthButNotConsentsRepresentationOrTheLog()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));

        var health = await app.DecideAsync(Guardian, Ward, Scope.HealthRecords);
        Assert.True(health.IsAllowed);
        Assert.Equal(BasisKind.Guardian, health.Basis!.Kind);
        Assert.Equal(GuardianshipId.ToString(), health.Basis.RelationId);
        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.Prescriptions)).IsAllowed);
        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.Appointments)).IsAllowed);
        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.Messages)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.Consents)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.Representation)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.AccessLog)).IsAllowed);
        Assert.False((await app.DecideAsync(OtherGuardian, Ward, Scope.HealthRecords)).IsAllowed);
    }

    [Fact]
    public async Task Apply_WhenTheSameChangeIsDeliveredTwice_AppliesOnceAndEmitsOneEvent()
    {
        var change = Change("appointed", "2026-03-01T08:00:00+01:00");

        await DeliverAsync(change, "m-first");
        await DeliverAsync(change, "m-first");
        await DeliverAsync(change, "m-second-copy");

        var data = Assert.Single(await EventsAsync());
        Assert.Equal("appointed", data.GetProperty("change").GetString());
        Assert.Equal(Ward, data.GetProperty("ward").GetString());
        Assert.Equal([Guardian], data.GetProperty("guardians").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("2026-03-01", data.GetProperty("effectiveFrom").GetString());
        var applied = Assert.Single(await RowsAsync(app.Truth, Ward, "inbox|guardianship-inbox|"));
        Assert.Equal("m-first", applied.GetString("MessageId"));
    }

    [Fact]
    public async Task Apply_WhenTheMandateChangesToFinancialOnly_TheGuardianIsRefusedOnTheNextDecisionAndNotListed()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));
        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.Equal(1, (await RepresentedAsync(Guardian)).GetArrayLength());

        await DeliverAsync(Change("mandate-changed", "2026-11-30T10:00:00+01:00", ["financial"]));

        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.Appointments)).IsAllowed);
        Assert.Equal(0, (await RepresentedAsync(Guardian)).GetArrayLength());
        var events = await EventsAsync();
        Assert.Equal(["appointed", "changed"], events.Select(e => e.GetProperty("change").GetString()).Order(StringComparer.Ordinal));
        var changed = Assert.Single(events, e => e.GetProperty("change").GetString() == "changed");
        Assert.Equal("2026-11-30", changed.GetProperty("effectiveFrom").GetString());
    }

    [Fact]
    public async Task Apply_WhenTheMandateChangesToPersonalOnly_OnlyAppointmentsRemain()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00", ["health"]));

        await DeliverAsync(Change("mandate-changed", "2026-11-30T10:00:00+01:00", ["personal"]));

        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.Appointments)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.Messages)).IsAllowed);
    }

    [Fact]
    public async Task Apply_WhenEnded_TheGuardianActsThroughTheLastDayAndIsRefusedTheDayAfter()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));

        await DeliverAsync(Change("ended", "2026-11-30T10:00:00+01:00", validTo: "2026-12-01"));

        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        app.Today(2026, 12, 2);
        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.Equal(0, (await RepresentedAsync(Guardian)).GetArrayLength());
        // Both events share the fixed clock's millisecond, so their outbox order is not theirs to assert.
        var ended = Assert.Single(await EventsAsync(), e => e.GetProperty("change").GetString() == "ended");
        Assert.Equal("ended", ended.GetProperty("change").GetString());
        Assert.Equal("2026-12-02", ended.GetProperty("effectiveFrom").GetString());
    }

    [Fact]
    public async Task Apply_WhenAnOlderChangeArrivesAfterTheEnding_IsIgnoredButRecorded()
    {
        await DeliverAsync(Change("ended", "2026-11-30T10:00:00+01:00", validTo: "2026-11-29"));
        var lateAppointment = Change("appointed", "2026-03-01T08:00:00+01:00");

        await DeliverAsync(lateAppointment);

        Assert.False((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.Single(await EventsAsync());
        Assert.Equal(2, (await RowsAsync(app.Truth, Ward, "inbox|guardianship-inbox|")).Count);
    }

    [Fact]
    public async Task Apply_WhenTheMessageIsInvalid_ParksItWithItsReasonWritesNothingAndTheNextValidOneApplies()
    {
        var invalid = Change("appointed", "2026-03-01T08:00:00+01:00");
        invalid["mandate"] = new JsonArray("medical");
        var messageId = "poison-" + Guid.NewGuid();

        await DeliverAsync(invalid, messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(), p => p.MessageId == messageId);
        Assert.Equal("mandate[0] must be one of personal, health, financial.", parked.Reason);
        Assert.Equal(invalid.ToJsonString(), Encoding.UTF8.GetString(parked.Body.Span));
        Assert.Empty(await RowsAsync(app.Truth, Ward));

        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));

        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
    }

    [Fact]
    public async Task Apply_WhenAnotherGuardianArrivesUnderTheSameGuardianshipId_ParksItAndKeepsTheStoredOne()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));
        var messageId = "other-" + Guid.NewGuid();

        await DeliverAsync(Change("mandate-changed", "2026-11-30T10:00:00+01:00", guardian: OtherGuardian), messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(), p => p.MessageId == messageId);
        Assert.Contains("new guardian is a new appointment", parked.Reason, StringComparison.Ordinal);
        Assert.True((await app.DecideAsync(Guardian, Ward, Scope.HealthRecords)).IsAllowed);
        Assert.False((await app.DecideAsync(OtherGuardian, Ward, Scope.HealthRecords)).IsAllowed);
    }

    [Fact]
    public async Task Listings_WhenAGuardianHoldsAMandate_ShowTheWardToTheGuardianAndTheGuardianToTheWard()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00", validTo: "2027-02-28"));

        var person = Assert.Single((await RepresentedAsync(Guardian)).EnumerateArray());
        Assert.Equal(Ward, person.GetProperty("nationalIdentityNumber").GetString());
        var basis = Assert.Single(person.GetProperty("representations").EnumerateArray());
        Assert.Equal("guardian", basis.GetProperty("kind").GetString());
        Assert.Equal(GuardianshipId.ToString(), basis.GetProperty("relationId").GetString());
        Assert.Equal(
            ["appointments", "appointments-primary-care", "health-records", "messages", "prescriptions"],
            basis.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("2026-03-01T00:00:00+01:00", basis.GetProperty("validFrom").GetString());
        Assert.Equal("2027-03-01T00:00:00+01:00", basis.GetProperty("validTo").GetString());

        using var ward = app.Citizen(Ward);
        var representatives = await ward.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/representatives", UriKind.Relative));
        var guardian = Assert.Single(representatives.GetProperty("persons").EnumerateArray());
        Assert.Equal("019266*****", guardian.GetProperty("maskedNationalIdentityNumber").GetString());
    }

    [Fact]
    public async Task Apply_WhenTheIndexRowWasLostAfterTheCommit_ARedeliveryRewritesIt()
    {
        var change = Change("appointed", "2026-03-01T08:00:00+01:00");
        await DeliverAsync(change, "m-lost-index");
        var row = Assert.Single(await app.IndexRowsAsync(Guardian));
        await app.Index.DeleteAsync(row.PartitionKey, row.RowKey);

        await DeliverAsync(change, "m-lost-index");

        Assert.Single(await app.IndexRowsAsync(Guardian));
        Assert.Single(await EventsAsync());
    }

    [Fact]
    public async Task SharedIndex_WhenTheWardAlsoGaveAFullmakt_ListsBothAndEachKindsRepairLeavesTheOtherKindsRowsAlone()
    {
        await ClearFullmaktAsync();
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));
        using (var ward = app.Citizen(Ward))
        using (var grant = await ward.PostAsJsonAsync(
            new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), new { representative = Guardian, serviceAreas = new[] { "messages" } }))
        {
            Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        }

        // A row of a kind this app does not know (a newer writer, a corrupted key) is skipped, not listed and not fatal.
        await app.Index.UpsertAsync(new Azure.Data.Tables.TableEntity(Guardian, $"unknown|{Ward}|{Guid.NewGuid():N}"));

        using (var scope = app.Factory.Services.CreateScope())
        {
            var fullmakt = await scope.ServiceProvider.GetRequiredService<Application.Fullmakt.RepairIndex.RepairFullmaktIndexHandler>()
                .HandleAsync(NationalIdentityNumber.Parse(Ward), default);
            var guardianship = await scope.ServiceProvider.GetRequiredService<RepairGuardianshipIndexHandler>()
                .HandleAsync(NationalIdentityNumber.Parse(Ward), default);
            Assert.Equal((0, 0, 0, 0), (fullmakt.Rewritten, fullmakt.Removed, guardianship.Rewritten, guardianship.Removed));
        }

        var listed = Assert.Single((await RepresentedAsync(Guardian)).EnumerateArray());
        Assert.Equal(
            ["fullmakt", "guardian"],
            listed.GetProperty("representations").EnumerateArray().Select(b => b.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.Single(await app.IndexRowsAsync(Guardian));
        Assert.Single(await RowsAsync(app.Index, Guardian, "fullmakt|"));
        await ClearFullmaktAsync();
    }

    private async Task ClearFullmaktAsync()
    {
        var store = app.Factory.Services.GetRequiredService<Infrastructure.Storage.TableStore>();
        var truth = store.Table(Infrastructure.Storage.StorageNames.Tables.Fullmakt);
        foreach (var row in await RowsAsync(truth, Ward))
        {
            await truth.DeleteAsync(row.PartitionKey, row.RowKey);
        }

        foreach (var row in (await RowsAsync(app.Index, Guardian)).Where(r => !r.RowKey.StartsWith(IndexPrefix, StringComparison.Ordinal)))
        {
            await app.Index.DeleteAsync(row.PartitionKey, row.RowKey);
        }
    }

    [Fact]
    public async Task RepairIndex_WhenARowIsMissingAndAForeignOneExists_RewritesAndRemoves()
    {
        await DeliverAsync(Change("appointed", "2026-03-01T08:00:00+01:00"));
        var row = Assert.Single(await app.IndexRowsAsync(Guardian));
        await app.Index.DeleteAsync(row.PartitionKey, row.RowKey);
        row.PartitionKey = OtherGuardian;
        row["Guardian"] = OtherGuardian;
        await app.Index.UpsertAsync(row);

        var repair = await app.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<RepairGuardianshipIndexHandler>()
            .HandleAsync(NationalIdentityNumber.Parse(Ward), default);

        Assert.Equal((1, 1), (repair.Rewritten, repair.Removed));
        Assert.Single(await app.IndexRowsAsync(Guardian));
        Assert.Empty(await app.IndexRowsAsync(OtherGuardian));
    }

    [Fact]
    public async Task Invoke_WhenTheInvocationHasNoMessage_FailsWithABadRequestSoTheHostRetries()
    {
        using var client = app.Factory.CreateClient();
        using var content = new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/GuardianshipInbox", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
