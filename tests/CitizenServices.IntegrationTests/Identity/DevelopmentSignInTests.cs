using CitizenServices.Functions.AdminWeb;

namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// Rule: the admin web's development sign-in (a workforce token signed with the public development key) exists only where
/// that key is trusted, Development with <c>Authentication:UseDevelopmentKey</c>. Anywhere else it is not mapped (routing
/// refuses a POST to the path) and the pages are not offered it.
/// </summary>
public sealed class DevelopmentSignInTests
{
    private static readonly Uri SignIn = new("/api/admin/dev-sign-in", UriKind.Relative);
    private static readonly Uri Config = new("/api/admin/config.json", UriKind.Relative);

    [Theory]
    [InlineData("Testing", null)]
    [InlineData("Staging", null)]
    [InlineData("Development", "false")]
    public async Task DevelopmentSignIn_WhereTheDevelopmentKeyIsNotTrusted_IsNotServed(string environment, string? useDevelopmentKey)
    {
        var unstarted = new CitizenServicesFactory { EnvironmentName = environment };
        if (useDevelopmentKey is not null)
        {
            unstarted.With(DevelopmentSigningKey.UseSetting, useDevelopmentKey);
        }

        await using var factory = await unstarted.StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(SignIn, new { roles = new[] { "Nettlege.Administer" }, municipality = "0301" });
        var config = await client.GetFromJsonAsync<JsonElement>(Config);

        // No such endpoint: the pages' GET route matches the path, so routing answers 405 for a POST, never a token.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(config.GetProperty("developmentSignIn").GetBoolean());
        Assert.DoesNotContain(factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText?.Contains("dev-sign-in", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task DevelopmentSignIn_InDevelopment_IssuesAWorkforceTokenTheApiAcceptsForThatMunicipalityOnly()
    {
        await using var factory = await new CitizenServicesFactory { EnvironmentName = "Development" }
            .With(DevelopmentSigningKey.UseSetting, "true")
            .StartAsync();
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsJsonAsync(SignIn, new { roles = new[] { "Nettlege.Administer" }, municipality = "0301" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var staff = factory.CreateClient(token);
        using var own = await staff.GetAsync(new Uri("/api/v1/nettlege/pilots/0301/availability", UriKind.Relative));
        using var other = await staff.GetAsync(new Uri("/api/v1/nettlege/pilots/4601/availability", UriKind.Relative));
        using var otherRole = await staff.GetAsync(new Uri("/api/v1/care-relations?child=" + Seed.OliverFosterChild, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRole.StatusCode);
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>(Config)).GetProperty("developmentSignIn").GetBoolean());
    }

    [Fact]
    public async Task DevelopmentSignIn_WhenRolesAndMunicipalityAreWrong_NamesEachField()
    {
        await using var factory = await new CitizenServicesFactory { EnvironmentName = "Development" }
            .With(DevelopmentSigningKey.UseSetting, "true")
            .StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(SignIn, new { roles = new[] { "Everything.Admin" }, municipality = "oslo" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "https://citizen-services.helsenorge.no/problems/invalid-request");
        Assert.Equal(["roles", "municipality"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray());
    }

    [Fact]
    public void ClientConfiguration_WithTheAdminWebsAppRegistration_PointsAtTheTenantsEndpointsAndTheApiScope()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureAd:TenantId"] = "7f3c1a9e-0000-4000-8000-000000000001",
            ["AzureAd:ClientId"] = "0a1b2c3d-0000-4000-8000-000000000002",
        }).Build();

        var config = AdminWebApi.ClientConfiguration(
            configuration, new AdminWebOptions { ClientId = "5e6f7a8b-0000-4000-8000-000000000003" }, developmentSignIn: false);

        Assert.NotNull(config.Entra);
        Assert.Equal("https://login.microsoftonline.com/7f3c1a9e-0000-4000-8000-000000000001/oauth2/v2.0", config.Entra.Authority);
        Assert.Equal("5e6f7a8b-0000-4000-8000-000000000003", config.Entra.ClientId);
        Assert.Equal("api://0a1b2c3d-0000-4000-8000-000000000002/.default", config.Entra.Scope);
        Assert.Equal("kommunenummer", config.MunicipalityClaim);
    }
}
