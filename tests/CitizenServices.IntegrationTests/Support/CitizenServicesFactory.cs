using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// The real handler (Program) on real Kestrel at a free loopback port, against a storage account of its own on the shared
/// Azurite (<see cref="Azurite.NewAccount"/>): the app uses fixed table names, so apps sharing an account would see each
/// other's fullmakter, consents, appointments and outbox events, and a test's outcome would depend on which other test
/// ran beside it. Tests talk to it over real HTTP with <see cref="CreateClient()"/>. Settings can be overridden per
/// test class, e.g. to point storage at a closed port.
/// </summary>
public class CitizenServicesFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private CitizenServicesFactory? _sharesStorageWith;

    public CitizenServicesFactory()
    {
        // Not UseKestrel(0): with a port it rewrites the server's addresses after the app is built, which races with
        // Kestrel binding them in a minimal-hosting app ("IServerAddressesFeature.Addresses cannot be modified after the
        // server has started", dotnet/aspnetcore#67714). The address comes from the settings instead (ConfigureWebHost).
        UseKestrel();
    }

    /// <summary>Mints tokens the app trusts: its public key is configured for the citizen, workforce and HelseID schemes.</summary>
    public TokenFactory Tokens { get; init; } = TokenFactory.NewRsa();

    /// <summary>Extra service registrations (e.g. a test representation source), applied after the app's own.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>
    /// A pipeline policy on the app's table client (a recorder, or a fault the test injects), over the app's own storage
    /// account and with its commit observer: the app runs as it would, with the policy watching or failing its requests.
    /// </summary>
    public HttpPipelinePolicy? TablePolicy { get; init; }

    public HttpPipelinePosition TablePolicyPosition { get; init; } = HttpPipelinePosition.PerRetry;

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
    /// Makes this app another instance of <paramref name="other"/>'s (its own memory, the same tables), as a second Flex
    /// Consumption instance or the next deployment is: it uses that app's storage account, seed included, instead of one
    /// of its own. <paramref name="other"/> must have started first.
    /// </summary>
    public CitizenServicesFactory WithStorageOf(CitizenServicesFactory other)
    {
        _sharesStorageWith = other;
        return this;
    }

    /// <summary>The storage the app uses (set by <see cref="StartAsync"/>).</summary>
    public string StorageConnectionString => _settings.TryGetValue("Storage:ConnectionString", out var value) && value is not null
        ? value
        : throw new InvalidOperationException("The app has not been started.");

    /// <summary>
    /// Starts the app against a storage account of its own (unless storage was overridden, or shared with
    /// <see cref="WithStorageOf"/>) and returns it. The app's register client and follower point at the shared register
    /// double with the seed population, and the seed people are in the app's replica before any test runs
    /// (<see cref="SeedReplica"/>), so tests read people exactly as production does.
    /// </summary>
    public async Task<CitizenServicesFactory> StartAsync()
    {
        var storageOverridden = _settings.ContainsKey("Storage:ConnectionString");
        if (!storageOverridden)
        {
            _settings["Storage:ConnectionString"] = _sharesStorageWith?.StorageConnectionString ?? (await Azurite.SharedAsync()).NewAccount();
        }

        Register ??= await RegisterDoubleHost.SharedSeededAsync();
        var feed = Register == await RegisterDoubleHost.SharedSeededAsync() ? SeedFeed : "test-" + Guid.NewGuid().ToString("N");
        foreach (var (key, value) in Register!.AppSettings(feed))
        {
            _settings.TryAdd(key, value);
        }

        StartServer();
        if (!storageOverridden && _sharesStorageWith is null && feed == SeedFeed)
        {
            await SeedReplica.PutIntoAsync(this);
        }

        return this;
    }

    /// <summary>The register double the app follows: the shared seeded one unless a test gives its own (before start).</summary>
    public RegisterDoubleHost? Register { get; set; }

    /// <summary>The feed name the seed population is followed under.</summary>
    public const string SeedFeed = "seed";

    /// <summary>Runs the app's register follower, as the Functions host invokes the timer, until it has caught up.</summary>
    public async Task FollowRegisterAsync()
    {
        for (var run = 0; run < 20; run++)
        {
            var (status, body) = await InvokeAsync("RegisterFeed", Payloads.Timer("RegisterFeed", DateTimeOffset.UtcNow));
            if (status != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"RegisterFeed failed: {(int)status} {body}");
            }

            var replica = Services.GetRequiredService<Application.PopulationRegister.Feed.IRegisterReplica>();
            var position = await replica.ReadPositionAsync(_settings["PopulationRegister:Folkeregisteret:FeedName"]!, default);
            if (position.NextSequence > Register!.Population.LastSequence)
            {
                return;
            }
        }

        throw new InvalidOperationException("The register follower did not catch up.");
    }

    /// <summary>
    /// Invokes a non-HTTP function (<c>POST /{function}</c>) with a host payload (<see cref="Payloads"/>), as the Functions
    /// host does; returns the status and the invocation response body.
    /// </summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> InvokeAsync(string function, string payload)
    {
        using var client = CreateClient();
        using var content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/" + function, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Invokes as <see cref="InvokeAsync"/> does; asserts the invocation succeeded (200) and returns its response.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> InvokeOkAsync(string function, string payload)
    {
        var (status, body) = await InvokeAsync(function, payload);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"{function} answered {(int)status}: {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
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

        if (TablePolicy is { } policy)
        {
            // Registered after the app's own TableStore, so this one wins.
            builder.ConfigureServices(services => services.AddSingleton(sp =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(policy, TablePolicyPosition);
                var connectionString = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
                return new TableStore(new TableServiceClient(connectionString, options), sp.GetService<ITableCommitObserver>);
            }));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
