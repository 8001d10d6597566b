namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// A small app on real Kestrel with the handler's own authentication, authorization and problem-detail setup
/// and endpoints a test maps, for rules whose real endpoints come with later capabilities (caseworker and
/// admin APIs). Trusts <paramref name="tokens"/>' key for every scheme.
/// </summary>
public sealed class AuthenticatedTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthenticatedTestApp(WebApplication app) => _app = app;

    public static async Task<AuthenticatedTestApp> StartAsync(
        TokenFactory tokens, Action<WebApplication> map, string municipalityClaim = "kommunenummer")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:IdPorten:SigningKeys:0"] = tokens.PublicKeyPem(),
            ["Authentication:Workforce:SigningKeys:0"] = tokens.PublicKeyPem(),
            ["Authentication:Workforce:Issuer"] = TokenFactory.WorkforceIssuer,
            ["Authentication:Workforce:MunicipalityClaim"] = municipalityClaim,
            ["Authentication:HelseId:SigningKeys:0"] = tokens.PublicKeyPem(),
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = TokenFactory.TenantId,
            ["AzureAd:ClientId"] = "00000000-0000-0000-0000-00000000c0de",
            ["AzureAd:Audience"] = TokenFactory.WorkforceAudience,
        });
        builder.Services.AddCitizenServicesProblemDetails();
        builder.AddCitizenServicesAuthentication();
        var app = builder.Build();
        app.UseCitizenServicesProblemDetails();
        app.UseAuthentication();
        app.UseAuthorization();
        map(app);
        await app.StartAsync();
        return new AuthenticatedTestApp(app);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
