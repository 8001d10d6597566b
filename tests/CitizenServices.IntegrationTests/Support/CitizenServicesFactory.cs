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

    /// <summary>
    /// Starts the app against the shared Azurite (unless storage was overridden) and returns it. The app's register client
    /// and follower point at the shared register double with the seed population, and the seed is in the replica before
    /// any test runs: ingested once per test process by the app's own follower (the <c>RegisterFeed</c> timer function,
    /// invoked as the host does), so tests read people exactly as production does.
    /// </summary>
    public async Task<CitizenServicesFactory> StartAsync()
    {
        var storageOverridden = _settings.ContainsKey("Storage:ConnectionString");
        if (!storageOverridden)
        {
            var azurite = await Azurite.SharedAsync();
            _settings["Storage:ConnectionString"] = azurite.ConnectionString;
        }

        Register ??= await RegisterDoubleHost.SharedSeededAsync();
        var feed = Register == await RegisterDoubleHost.SharedSeededAsync() ? SeedFeed : "test-" + Guid.NewGuid().ToString("N");
        foreach (var (key, value) in Register!.AppSettings(feed))
        {
            _settings.TryAdd(key, value);
        }

        StartServer();
        if (!storageOverridden && feed == SeedFeed)
        {
            await SeedIngestion.EnsureAsync(this);
        }

        return this;
    }

    /// <summary>The register double the app follows: the shared seeded one unless a test gives its own (before start).</summary>
    public RegisterDoubleHost? Register { get; set; }

    /// <summary>The feed name the seed population is followed under in the shared storage.</summary>
    public const string SeedFeed = "seed";

    /// <summary>Runs the app's register follower once, as the Functions host invokes the timer, until it has caught up.</summary>
    public async Task FollowRegisterAsync()
    {
        using var client = CreateClient();
        for (var run = 0; run < 20; run++)
        {
            using var content = new StringContent(TimerPayload, System.Text.Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/RegisterFeed", UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"RegisterFeed failed: {(int)response.StatusCode} {text}");
            }

            var replica = (Application.PopulationRegister.Feed.IRegisterReplica)Services.GetService(typeof(Application.PopulationRegister.Feed.IRegisterReplica))!;
            var position = await replica.ReadPositionAsync(_settings["PopulationRegister:Folkeregisteret:FeedName"]!, default);
            if (position.NextSequence > Register!.Population.LastSequence)
            {
                return;
            }
        }

        throw new InvalidOperationException("The register follower did not catch up.");
    }

    private const string TimerPayload =
        """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"RegisterFeed","UtcNow":"2026-03-02T09:00:00Z","RandGuid":"00000000-0000-0000-0000-000000000002"}}}""";

    private static class SeedIngestion
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private static bool _done;

        public static async Task EnsureAsync(CitizenServicesFactory factory)
        {
            await Gate.WaitAsync();
            try
            {
                if (!_done)
                {
                    await factory.FollowRegisterAsync();
                    _done = true;
                }
            }
            finally
            {
                Gate.Release();
            }
        }
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
