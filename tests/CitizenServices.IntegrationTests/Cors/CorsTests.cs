using CitizenServices.Functions.Cors;

namespace CitizenServices.IntegrationTests.Cors;

/// <summary>
/// Rule (docs/deployment.md, "CORS"): only configured origins may call the API from a browser; by default none may, and
/// the front end reaches the API through its own origin.
/// </summary>
public sealed class CorsTests
{
    private const string FrontEnd = "https://www.helsenorge.no";
    private static readonly Uri Consents = new("/api/v1/persons/me/consents", UriKind.Relative);

    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowedWithoutAToken()
    {
        await using var factory = await new CitizenServicesFactory()
            .With(CorsSetup.OriginsSetting, $"{FrontEnd}, https://tjenester.helsenorge.no")
            .StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(FrontEnd, "POST", "authorization,content-type,idempotency-key"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(FrontEnd, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var headers = Single(response, "Access-Control-Allow-Headers").ToLowerInvariant();
        Assert.Contains("authorization", headers, StringComparison.Ordinal);
        Assert.Contains("idempotency-key", headers, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), "bearer tokens, never cookies");
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GetsNoPermission()
    {
        await using var factory = await new CitizenServicesFactory().With(CorsSetup.OriginsSetting, FrontEnd).StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight("https://helsenorge.example.com", "GET", "authorization"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_WhenNoOriginIsConfigured_GetsNoPermission()
    {
        await using var factory = await new CitizenServicesFactory().StartAsync();
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(FrontEnd, "GET", "authorization"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ActualRequest_FromAConfiguredOrigin_CarriesTheOriginAndExposesTheCorrelationId()
    {
        await using var factory = await new CitizenServicesFactory().With(CorsSetup.OriginsSetting, FrontEnd).StartAsync();
        using var client = factory.CreateClient(factory.Tokens.Citizen(Seed.KariMother));
        using var request = new HttpRequestMessage(HttpMethod.Get, Consents);
        request.Headers.Add("Origin", FrontEnd);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FrontEnd, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("X-Correlation-Id", Single(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://www.helsenorge.no/")]
    [InlineData("http://www.helsenorge.no")]
    [InlineData("https://*.helsenorge.no")]
    [InlineData("www.helsenorge.no")]
    public async Task Startup_WhenAnOriginIsNotAnOrigin_Refuses(string origin)
    {
        await using var factory = new CitizenServicesFactory().With(CorsSetup.OriginsSetting, origin);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.StartAsync());

        Assert.Contains(CorsSetup.OriginsSetting, error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, Consents);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.GetValues(header));
}
