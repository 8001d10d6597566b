namespace CitizenServices.DeploymentTests;

/// <summary>
/// The admin web is served by the function app itself (docs/admin-web.md), so infra deploys only its sign-in settings:
/// the admin web's own Entra app registration, in the tenant the API's tokens come from.
/// </summary>
[Collection(InfraTestGroup.Name)]
public sealed class AdminWebInfraTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void AppSettings_AdminWeb_SignsInWithItsOwnRegistrationInTheApisTenant()
    {
        var template = ArmTemplate.Parse(compiled.Json, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["adminWebClientId"] = "5e6f7a8b-0000-4000-8000-000000000003",
            ["workforceApiClientId"] = "0a1b2c3d-0000-4000-8000-000000000002",
        });

        var settings = DeploymentConsistency.AppSettings(template);

        Assert.Equal("5e6f7a8b-0000-4000-8000-000000000003", ArmScope.Text(settings["AdminWeb__ClientId"]));
        // The same tenant expression as the API's own Entra settings, whatever the evaluator makes of tenant().
        Assert.Equal(ArmScope.Text(settings["AzureAd__TenantId"]), ArmScope.Text(settings["AdminWeb__TenantId"]));
        Assert.Equal("api://0a1b2c3d-0000-4000-8000-000000000002", ArmScope.Text(settings["AzureAd__Audience"]));
    }

    [Fact]
    public void Parameters_AdminWebClientId_ComesFromTheAzdEnvironmentAndDefaultsToNoSignIn()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra", "main.parameters.json")))!["parameters"]!;

        Assert.Equal("${ADMIN_WEB_CLIENT_ID=}", (string?)parameters["adminWebClientId"]!["value"]);
    }
}
