using System.Net.Http.Json;
using CitizenServices.FolkeregisterDouble;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenServices.Testing;

/// <summary>
/// The register double (<see cref="RegisterDoubleApp"/>) on real Kestrel at a free loopback port, for tests that need people
/// in the replica: the app's own register client and follower read it exactly as they read Folkeregisteret.
/// <see cref="SharedSeededAsync"/> serves the committed seed population, once per test process.
/// </summary>
public sealed class RegisterDoubleHost : IAsyncDisposable
{
    private static readonly Lazy<Task<RegisterDoubleHost>> Shared = new(() => StartAsync(seeded: true));
    private readonly WebApplication _app;

    private RegisterDoubleHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Control = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>The register API base the app is configured with.</summary>
    public Uri ApiBase => new(Address, RegisterDoubleApp.ApiBase.TrimStart('/') + "/");

    public Uri TokenEndpoint => new(Address, "token");

    /// <summary>For the control API (<c>/testdouble/...</c>).</summary>
    public HttpClient Control { get; }

    public Population Population => _app.Services.GetRequiredService<Population>();

    /// <summary>The committed development client key the double trusts, as a path in the test output.</summary>
    public static string ClientJwkFile => Path.Combine(AppContext.BaseDirectory, "dev", "maskinporten-development-client.jwk.json");

    public static Task<RegisterDoubleHost> SharedSeededAsync() => Shared.Value;

    /// <summary>A double of its own: empty, or with the seed population.</summary>
    public static async Task<RegisterDoubleHost> StartAsync(bool seeded, Action<RegisterDoubleOptions>? configure = null)
    {
        var app = RegisterDoubleApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Testing", "--Logging:LogLevel:Default", "Warning"], options =>
        {
            options.SeedFile = seeded ? options.SeedFile : null;
            options.ClientJwkFile = ClientJwkFile;
            configure?.Invoke(options);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegisterDoubleHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The settings that point the handler's register client and follower at this double.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings(string feedName) => new Dictionary<string, string?>
    {
        ["PopulationRegister:Folkeregisteret:BaseAddress"] = ApiBase.ToString(),
        ["PopulationRegister:Folkeregisteret:FeedName"] = feedName,
        ["PopulationRegister:Folkeregisteret:RetryDelay"] = "00:00:00.100",
        ["PopulationRegister:Folkeregisteret:AttemptTimeout"] = "00:00:02",
        ["PopulationRegister:Folkeregisteret:Maskinporten:ClientId"] = "citizen-services-local",
        ["PopulationRegister:Folkeregisteret:Maskinporten:JwkFile"] = ClientJwkFile,
        ["PopulationRegister:Folkeregisteret:Maskinporten:TokenEndpoint"] = TokenEndpoint.ToString(),
    };

    /// <summary>Appends events through the control API; returns the JSON answer (a new person's id, for example).</summary>
    public async Task<string?> PostAsync(string path, object body)
    {
        using var response = await Control.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The register double refused {path}: {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? null : System.Text.Json.JsonDocument.Parse(text).RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.DisposeAsync();
    }
}
