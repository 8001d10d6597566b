using CitizenServices.DevTokens;
using CitizenServices.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// The real handler (Program) on real Kestrel at a free loopback port, against the shared Azurite.
/// Tests talk to it over real HTTP with <see cref="CreateClient()"/>. Settings can be overridden per
/// test class, e.g. to point storage at a closed port.
/// </summary>
public class CitizenServicesFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    public CitizenServicesFactory()
    {
        UseKestrel(0);
    }

    /// <summary>Mints tokens the app trusts: its public key is configured for the citizen, workforce and HelseID schemes.</summary>
    public TokenFactory Tokens { get; init; } = TokenFactory.NewRsa();

    /// <summary>Extra service registrations (e.g. a test representation source), applied after the app's own.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The hosting environment; Testing unless a test needs another.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Sets a configuration value before the app starts.</summary>
    public CitizenServicesFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Points storage at a closed port and skips the bootstrap, for tests of how faults surface.</summary>
    public CitizenServicesFactory WithUnreachableStorage()
    {
        var closed = Azurite.FreePort();
        return With("Storage:ConnectionString", Azurite.BuildConnectionString(closed, closed, closed))
            .With("Storage:CreateResourcesAtStartup", "false");
    }

    /// <summary>A client sending the given bearer token.</summary>
    public HttpClient CreateClient(string bearerToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>Starts the app against the shared Azurite (unless storage was overridden) and returns it.</summary>
    public async Task<CitizenServicesFactory> StartAsync()
    {
        if (!_settings.ContainsKey("Storage:ConnectionString"))
        {
            var azurite = await Azurite.SharedAsync();
            _settings["Storage:ConnectionString"] = azurite.ConnectionString;
        }

        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:CreateResourcesAtStartup", "true");
        builder.UseSetting("Authentication:IdPorten:SigningKeys:0", Tokens.PublicKeyPem());
        builder.UseSetting("Authentication:Workforce:SigningKeys:0", Tokens.PublicKeyPem());
        builder.UseSetting("Authentication:Workforce:Issuer", TokenFactory.WorkforceIssuer);
        builder.UseSetting("Authentication:HelseId:SigningKeys:0", Tokens.PublicKeyPem());
        builder.UseSetting("Authentication:HelseId:Issuer", TokenFactory.HelseIdIssuer);
        builder.UseSetting("Authentication:HelseId:Audience", TokenFactory.HelseIdAudience);
        builder.UseSetting("AzureAd:TenantId", TokenFactory.TenantId);
        builder.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-00000000c0de");
        builder.UseSetting("AzureAd:Audience", TokenFactory.WorkforceAudience);
        if (ConfigureServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
