using CitizenServices.Application.AccessLog;
using CitizenServices.Domain.AccessLog;
using Microsoft.AspNetCore.Routing;
using static CitizenServices.IntegrationTests.CareRelations.CareRelationsAppFixture;

namespace CitizenServices.IntegrationTests.CareRelations;

/// <summary>
/// Rule: the child's foster parents and location are never shown to the parents through this service. Checked over
/// every GET endpoint the app maps (enumerated from its <see cref="EndpointDataSource"/>, so a new endpoint is covered
/// without touching this test) with a parent's token and the child as subject, and over the notifications the
/// events make for the parents.
/// </summary>
[Collection(CareRelationsAppFixture.Collection)]
public sealed class FosterHomeHiddenFromParentsTests(CareRelationsAppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Anything that would identify or locate the foster home: numbers (full and masked), names, the address.</summary>
    private static readonly string[] FosterHome =
    [
        Seed.HildeFosterMother, Seed.TorFosterFather, NationalIdentityNumber.Parse(Seed.HildeFosterMother).Masked, NationalIdentityNumber.Parse(Seed.TorFosterFather).Masked, Seed.HildeFosterMother[..6], Seed.TorFosterFather[..6],
        "Hilde", "Bakken", FosterHomeAddress,
    ];

    [Fact]
    public async Task EveryGetEndpoint_WithAParentsTokenForTheChild_ShowsNothingAboutTheFosterHome()
    {
        // A voluntary placement keeps the parents' access, so they reach everything a parent of an under-12 may read.
        var relation = await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        var relationId = relation.GetProperty("id").GetString()!;
        await AppendFosterParentActionAsync(relationId);

        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .ToList();
        Assert.Contains("/api/v1/persons/{subject}/representatives", routes);
        Assert.Contains("/api/v1/persons/{subject}/access-log", routes);

        var answered = new Dictionary<string, HttpStatusCode>();
        using var parent = app.Citizen(Seed.LinnMotherOfFosterChild);
        foreach (var route in routes)
        {
            var path = Fill(route, relationId);
            using var response = await parent.GetAsync(new Uri(path + (path.Contains("care-relations", StringComparison.Ordinal) ? $"?child={Seed.OliverFosterChild}" : string.Empty), UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            answered[route] = response.StatusCode;
            foreach (var secret in FosterHome)
            {
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"GET {path} ({(int)response.StatusCode}) shows '{secret}': {body}");
            }
        }

        // The walk reached the child's data: the parent may read the representatives and the log (which holds the foster parent's action).
        Assert.Equal(HttpStatusCode.OK, answered["/api/v1/persons/{subject}/representatives"]);
        Assert.Equal(HttpStatusCode.OK, answered["/api/v1/persons/{subject}/access-log"]);
        using var log = await parent.GetAsync(new Uri($"/api/v1/persons/{Seed.OliverFosterChild}/access-log", UriKind.Relative));
        var entry = Assert.Single(JsonDocument.Parse(await log.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("basisKind").GetString() == "foster-parent");
        Assert.Equal("foster-parent", entry.GetProperty("actorId").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("actorName").ValueKind);

        // The child themself sees who acted.
        using var child = app.Citizen(Seed.OliverFosterChild);
        var own = await child.GetStringAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));
        Assert.Contains("Hilde Bakken", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_ToParents_CarryNeitherTheFosterParentsNorTheLocation()
    {
        await app.RegisterAsync(Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true));
        var (type, data) = Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        var envelope = new EventEnvelope
        {
            EventId = Guid.NewGuid(), Type = type, Subject = NationalIdentityNumber.Parse(Seed.OliverFosterChild), OccurredAt = app.Clock.GetUtcNow(),
            SchemaVersion = 1, Data = data,
        };
        Assert.True(EventData.TryRead(envelope, out var read, out _, out var error), error);

        var requests = NotificationPlanner.Plan(envelope, read!);

        var toParents = requests.Where(r => r.Recipient.Value is Seed.LinnMotherOfFosterChild or Seed.MariusFatherOfFosterChild).ToList();
        Assert.NotEmpty(toParents);
        var text = JsonSerializer.Serialize(toParents.Select(r => new { r.Template, r.Parameters }));
        Assert.All(FosterHome, secret => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(requests, r => r.Recipient.Value == Seed.HildeFosterMother);
    }

    /// <summary>What a foster parent's booking would write in the child's log (no appointment endpoint on this branch yet).</summary>
    private async Task AppendFosterParentActionAsync(string relationId)
    {
        using var scope = app.Factory.Services.CreateScope();
        var log = scope.ServiceProvider.GetRequiredService<IAccessLog>();
        await log.AppendAsync(NationalIdentityNumber.Parse(Seed.OliverFosterChild), new AccessLogDraft(
            AccessLogActor.Person(NationalIdentityNumber.Parse(Seed.HildeFosterMother)),
            new AccessLogBasis(AccessLogBasisKinds.FosterParent, relationId),
            AccessLogAction.Write("appointments.book"),
            new AccessLogResource("/api/v1/persons/{subject}/appointments"),
            "corr-foster-1",
            AccessLogChannels.HelsenorgeWeb), default);
    }

    private static string Fill(string route, string relationId)
    {
        var path = route.Replace("{subject}", Seed.OliverFosterChild, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", relationId);
    }
}
