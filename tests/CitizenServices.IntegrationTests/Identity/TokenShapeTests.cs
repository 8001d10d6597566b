using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// Token shape rules (docs/identity.md, "Token shape"), with real JWTs signed with the test key over real HTTP: a claim read
/// as one value is one JSON string; a token lives at most the configured maximum; a workforce token without a role is a known
/// caller without permission (403), not an unknown one (401).
/// </summary>
public sealed class TokenShapeTests : IAsyncLifetime
{
    private const string CitizenRead = "/api/v1/persons/me/thing";
    private const string CaseworkerRoute = "/api/v1/municipalities/0301/care-cases";
    private const string RegistryRoute = "/api/v1/registry/lookup";

    private readonly TokenFactory _tokens = TokenFactory.NewRsa();
    private AuthenticatedTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await AuthenticatedTestApp.StartAsync(_tokens, app =>
        {
            app.MapGet(CitizenRead, () => Results.Ok()).RequireAuthorization(Policies.Citizen);
            app.MapPost(CitizenRead, () => Results.Ok()).RequireAuthorization(Policies.Citizen);
            app.MapGet("/api/v1/municipalities/{municipality}/care-cases", () => Results.Ok()).RequireAuthorization(AppRoles.CareRelationsManage);
            app.MapGet(RegistryRoute, () => Results.Ok()).RequireAuthorization(AppRoles.RegistryRead);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token)
    {
        using var client = _app.Client(token);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        return await client.SendAsync(request);
    }

    private async Task AssertUnauthorizedAsync(HttpMethod method, string path, string token, string detailContains)
    {
        using var response = await SendAsync(method, path, token);
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CitizenClaims.Substantial + "," + CitizenClaims.High)]
    [InlineData(CitizenClaims.High + "," + CitizenClaims.Substantial)]
    [InlineData(CitizenClaims.High)]
    public async Task CitizenToken_WhenAcrIsAnArrayInAnyOrder_Is401ForReadsAndWrites(string acrValues)
    {
        var acr = acrValues.Split(',');
        var token = _tokens.Citizen(Seed.KariMother, adjust: d => d.Claims["acr"] = acr);

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, token, "acr claim must be a single string");
        await AssertUnauthorizedAsync(HttpMethod.Post, CitizenRead, token, "acr claim must be a single string");
    }

    [Fact]
    public async Task CitizenToken_WhenAcrIsAnObjectOrANumber_Is401()
    {
        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead,
            _tokens.Citizen(Seed.KariMother, adjust: d => d.Claims["acr"] = new Dictionary<string, object> { ["level"] = CitizenClaims.High }), "acr");
        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, _tokens.Citizen(Seed.KariMother, adjust: d => d.Claims["acr"] = 4), "acr");
    }

    [Fact]
    public async Task CitizenToken_WhenPidIsAnArray_Is401EvenWhenEveryNumberIsValid()
    {
        var token = _tokens.Citizen(Seed.KariMother, adjust: d => d.Claims["pid"] = new[] { Seed.KariMother, Seed.OlaFather });

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, token, "pid claim must be a single string");
    }

    [Fact]
    public async Task CitizenToken_WhenPidIsASingleElementArray_Is401()
    {
        var token = _tokens.Citizen(Seed.KariMother, adjust: d => d.Claims["pid"] = new[] { Seed.KariMother });

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, token, "pid claim must be a single string");
    }

    [Fact]
    public async Task CitizenToken_WhenItLivesLongerThanAnHour_Is401()
    {
        var tenYears = _tokens.Citizen(Seed.KariMother, lifetime: TimeSpan.FromDays(3650));
        var anHourAndAMinute = _tokens.Citizen(Seed.KariMother, lifetime: TimeSpan.FromMinutes(61));

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, tenYears, "lives longer than the 60 minutes");
        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, anHourAndAMinute, "lives longer than the 60 minutes");
    }

    [Fact]
    public async Task CitizenToken_WhenNotBeforeIsLongBeforeExpiry_Is401EvenIfIssuedRecently()
    {
        var token = _tokens.Citizen(Seed.KariMother, adjust: d => d.NotBefore = DateTime.UtcNow.AddDays(-30));

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, token, "lives longer");
    }

    [Fact]
    public async Task CitizenToken_WhenItCarriesNeitherIatNorNbf_Is401()
    {
        var token = _tokens.Citizen(Seed.KariMother, adjust: d => { d.IssuedAt = null; d.NotBefore = null; });

        await AssertUnauthorizedAsync(HttpMethod.Get, CitizenRead, token, "(iat)");
    }

    [Fact]
    public async Task CitizenToken_WhenItLivesExactlyTheMaximum_IsAccepted()
    {
        using var response = await SendAsync(HttpMethod.Get, CitizenRead, _tokens.Citizen(Seed.KariMother, lifetime: TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CitizenToken_WhenASingleAcrIsSubstantial_StillReadsAndIsRefusedWritesWith403()
    {
        var token = _tokens.Citizen(Seed.KariMother, CitizenClaims.Substantial);

        using var read = await SendAsync(HttpMethod.Get, CitizenRead, token);
        using var write = await SendAsync(HttpMethod.Post, CitizenRead, token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblem(write, HttpStatusCode.Forbidden, ProblemTypes.InsufficientAssurance);
    }

    [Fact]
    public async Task WorkforceToken_WhenRolesIsEmpty_Is403NotRejectedAsUnauthenticated()
    {
        var token = _tokens.Workforce([], "0301");

        using var caseworker = await SendAsync(HttpMethod.Get, CaseworkerRoute, token);
        using var registry = await SendAsync(HttpMethod.Get, RegistryRoute, token);

        await ProblemAssert.IsProblem(caseworker, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await ProblemAssert.IsProblem(registry, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task WorkforceToken_WhenItHasNoRolesClaimAtAll_Is403()
    {
        var token = _tokens.Workforce([], "0301", adjust: d => d.Claims.Remove("roles"));

        using var response = await SendAsync(HttpMethod.Get, CaseworkerRoute, token);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task WorkforceToken_WhenTheMunicipalityClaimIsAnArray_Is401()
    {
        var token = _tokens.Workforce([AppRoles.CareRelationsManage], null, adjust: d => d.Claims["kommunenummer"] = new[] { "0301", "4601" });

        await AssertUnauthorizedAsync(HttpMethod.Get, CaseworkerRoute, token, "kommunenummer claim must be a single string");
    }

    [Fact]
    public async Task WorkforceToken_WhenItLivesLongerThanNinetyMinutes_Is401()
    {
        var token = _tokens.Workforce([AppRoles.CareRelationsManage], "0301", adjust: d => d.Expires = d.IssuedAt!.Value.AddYears(10));

        await AssertUnauthorizedAsync(HttpMethod.Get, CaseworkerRoute, token, "lives longer than the 90 minutes");
    }

    [Fact]
    public async Task WorkforceToken_WhenItLivesAsLongAsEntraMayIssue_IsAccepted()
    {
        var token = _tokens.Workforce([AppRoles.CareRelationsManage], "0301", adjust: d => d.Expires = d.IssuedAt!.Value.AddMinutes(90));

        using var response = await SendAsync(HttpMethod.Get, CaseworkerRoute, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The maximum lifetime is configuration (<c>Authentication:IdPorten:MaxTokenLifetime</c>), read by the real handler.</summary>
public sealed class ConfiguredTokenLifetimeTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new CitizenServicesFactory().With("Authentication:IdPorten:MaxTokenLifetime", "00:05:00");

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CitizenToken_WhenItLivesLongerThanTheConfiguredMaximum_Is401()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother, lifetime: TimeSpan.FromMinutes(10)));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("lives longer than the 5 minutes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
