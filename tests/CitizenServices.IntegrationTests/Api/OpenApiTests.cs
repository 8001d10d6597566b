namespace CitizenServices.IntegrationTests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_WhenDevelopment_IsServedAndListsTheHealthEndpoint()
    {
        await using var factory = await new CitizenServicesFactory { EnvironmentName = "Development" }.StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/health", out _));
    }

    [Fact]
    public async Task OpenApiDocument_WhenNotDevelopment_IsNotServed()
    {
        await using var factory = await new CitizenServicesFactory().StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
