using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// Workforce and system tokens (Entra ID through Microsoft.Identity.Web) on real Kestrel with the app's own
/// authentication setup and endpoints guarded the way the caseworker and admin APIs are: app roles, and the
/// municipality claim matched against the route.
/// </summary>
public sealed class WorkforceTokenTests : IAsyncLifetime
{
    private readonly TokenFactory _tokens = TokenFactory.NewRsa();
    private AuthenticatedTestApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await AuthenticatedTestApp.StartAsync(_tokens, app =>
        {
            app.MapGet("/api/v1/municipalities/{municipality}/care-cases", () => Results.Ok()).RequireAuthorization(AppRoles.CareRelationsManage);
            app.MapGet("/api/v1/registry/lookup", () => Results.Ok()).RequireAuthorization(AppRoles.RegistryRead);
            app.MapGet("/api/v1/persons/me/thing", () => Results.Ok()).RequireAuthorization(Policies.Citizen);
            app.MapPost("/api/v1/persons/me/thing", () => Results.Ok()).RequireAuthorization(Policies.Citizen);
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RoleEndpoint_WhenRoleAndMunicipalityMatch_Returns200()
    {
        using var response = await GetAsync("/api/v1/municipalities/0301/care-cases", _tokens.Workforce([AppRoles.CareRelationsManage], "0301"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RoleEndpoint_WhenRoleIsWrong_Returns403Problem()
    {
        using var response = await GetAsync("/api/v1/municipalities/0301/care-cases", _tokens.Workforce([AppRoles.NettlegeAdminister], "0301"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task RoleEndpoint_WhenMunicipalityIsAnother_Returns403Problem()
    {
        using var response = await GetAsync("/api/v1/municipalities/0301/care-cases", _tokens.Workforce([AppRoles.CareRelationsManage], "4601"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("municipality", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleEndpoint_WhenMunicipalityClaimIsMissing_Returns403Problem()
    {
        using var response = await GetAsync("/api/v1/registry/lookup", _tokens.Workforce([AppRoles.RegistryRead], null));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task RoleEndpoint_WhenSignedByAnotherKey_Returns401Problem()
    {
        using var response = await GetAsync("/api/v1/registry/lookup", TokenFactory.NewRsa().Workforce([AppRoles.RegistryRead], "0301"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task RoleEndpoint_WhenCalledWithACitizenToken_Returns401Problem()
    {
        using var response = await GetAsync("/api/v1/registry/lookup", _tokens.Citizen(Seed.KariMother));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task CitizenEndpoint_WhenCalledWithAWorkforceToken_Returns401Problem()
    {
        using var response = await GetAsync("/api/v1/persons/me/thing", _tokens.Workforce([AppRoles.RegistryRead], "0301"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task CitizenWrite_WhenAssuranceIsSubstantial_Returns403Problem()
    {
        using var client = _app.Client(_tokens.Citizen(Seed.KariMother, "idporten-loa-substantial"));

        using var response = await client.PostAsync(new Uri("/api/v1/persons/me/thing", UriKind.Relative), null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.InsufficientAssurance);
    }

    [Fact]
    public async Task CitizenWrite_WhenAssuranceIsHigh_Returns200()
    {
        using var client = _app.Client(_tokens.Citizen(Seed.KariMother, "idporten-loa-high"));

        using var response = await client.PostAsync(new Uri("/api/v1/persons/me/thing", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var client = _app.Client(token);
        return await client.GetAsync(new Uri(path, UriKind.Relative));
    }

}

public sealed class WorkforceMunicipalityClaimTests : IAsyncLifetime
{
    private readonly TokenFactory _tokens = TokenFactory.NewRsa();
    private AuthenticatedTestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await AuthenticatedTestApp.StartAsync(
            _tokens,
            app => app.MapGet("/api/v1/municipalities/{municipality}/pilot", () => Results.Ok()).RequireAuthorization(AppRoles.NettlegeAdminister),
            municipalityClaim: "extension_kommunenummer");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MunicipalityClaim_WhenConfiguredName_IsTheOneRead()
    {
        using var client = _app.Client(_tokens.Workforce([AppRoles.NettlegeAdminister], "4601", municipalityClaim: "extension_kommunenummer"));

        using var ok = await client.GetAsync(new Uri("/api/v1/municipalities/4601/pilot", UriKind.Relative));
        using var other = await client.GetAsync(new Uri("/api/v1/municipalities/0301/pilot", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
