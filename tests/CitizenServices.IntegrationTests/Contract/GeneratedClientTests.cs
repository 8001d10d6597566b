using CitizenServices.ContractClient;
using CitizenServices.IntegrationTests.Consent;

namespace CitizenServices.IntegrationTests.Contract;

/// <summary>
/// A client generated from the committed contract by NSwag (tests/CitizenServices.ContractClient, regenerated at every
/// build) calls the running API: the contract declares every path parameter and types every field as the service reads
/// it, so an integrator's generated code works without hand edits.
/// </summary>
public sealed class GeneratedClientTests(ConsentAppFixture app) : IClassFixture<ConsentAppFixture>, IAsyncLifetime
{
    private const string Study = "research-heart-rhythm-study"; // consent, 18+, version 1.1 current
    private const string PregnancyCard = "digital-pregnancy-health-card";

    public async Task InitializeAsync()
    {
        app.Today(2026, 12, 1);
        await app.ClearAsync([Study, PregnancyCard], Seed.KariMother, Seed.EmmaUnder12);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task GeneratedClient_DecidesAndReadsForTheCallerAndForAChildItRepresents()
    {
        using var http = app.Citizen(Seed.KariMother);
        var client = new CitizenServicesClient(http);

        var decided = await client.DecideConsentAsync(Study, "me", new DecideConsentBody
        {
            Decision = DecideConsentBodyDecision.Given,
            Version = "1.1",
            ValidTo = new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero),
        });
        var mine = await client.ListConsentsAsync("me");
        var emmas = await client.ListConsentsAsync(Seed.EmmaUnder12);

        Assert.Equal("given", decided.Decision?.Decision);
        Assert.Equal(new DateTimeOffset(2027, 12, 31, 0, 0, 0, TimeSpan.Zero), decided.Decision?.ValidTo);
        var study = Assert.Single(mine.Consents, c => c.DefinitionId == Study);
        Assert.Equal(("active", "1.1"), (study.Status, study.Decision?.Version));
        Assert.DoesNotContain(emmas.Consents, c => c.DefinitionId == Study && c.Decision is not null);
    }

    [Fact]
    public async Task GeneratedClient_WhenTheServiceRefuses_SurfacesTheProblemStatus()
    {
        using var http = app.Citizen(Seed.KariMother);
        var client = new CitizenServicesClient(http);

        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.DecideConsentAsync(Study, "me", new DecideConsentBody
        {
            Decision = DecideConsentBodyDecision.Given,
            Version = "1.1",
            ValidTo = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }));

        Assert.True(refused.StatusCode == 422, $"{refused.StatusCode}: {refused.Result.Field}: {refused.Result.Detail}");
        Assert.Equal("end-date-too-far", refused.Result.Code);
        Assert.Equal("validTo", refused.Result.Field);
    }
}
