using System.Net.Http.Headers;
namespace CitizenServices.IntegrationTests.Sector;

/// <summary>
/// Two instances of the real handler over the same Azurite storage account, trusting the same HelseID test key, as two
/// Flex Consumption instances would be. Sector systems call them with HelseID DPoP tokens whose proofs name the first
/// instance's address in htu: the first accepts it as the request's own origin (no public origins configured), the
/// second because it is configured as its public origin (as Azure configures the app's public address).
/// </summary>
public sealed class SectorFixture : IAsyncLifetime
{
    /// <summary>The reservation against the summary care record (kjernejournal), seeded as version 2.0.</summary>
    public const string SummaryCareRecord = "reservation-summary-care-record";

    // Synthetic organisations from functions/seed/organisations.json.
    public const string Hospital = "310000019";
    public const string HospitalEmergencyDepartment = "310000027";
    public const string Pharmacy = "310000035";

    public SectorFixture()
    {
        First = new CitizenServicesFactory();
        Second = new CitizenServicesFactory { Tokens = First.Tokens }.WithStorageOf(First);
    }

    /// <summary>The address clients call: the first instance's.</summary>
    public string PublicOrigin { get; private set; } = null!;

    public CitizenServicesFactory First { get; }

    /// <summary>Another instance: its own memory, the same tables.</summary>
    public CitizenServicesFactory Second { get; }

    public TokenFactory Tokens => First.Tokens;

    public static string LookupPath(string person, string definitionId = SummaryCareRecord) =>
        $"/api/v1/registry/consent-definitions/{definitionId}/persons/{person}";

    public async Task InitializeAsync()
    {
        await First.StartAsync();
        using (var client = First.CreateClient())
        {
            PublicOrigin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        }

        await Second.With("Authentication:HelseId:PublicOrigins:0", PublicOrigin).StartAsync();
        using var citizen = First.CreateClient(Tokens.Citizen(Seed.RandiGrandmother));
        using var decided = await citizen.PutAsync(
            new Uri($"/api/v1/persons/me/consents/{SummaryCareRecord}", UriKind.Relative),
            new StringContent("""{"decision":"reserved","version":"2.0"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }

    /// <summary>A HelseID DPoP token for <paramref name="organisation"/> with the scopes (short names), bound to <paramref name="key"/>.</summary>
    public string Token(DPoPKey key, string organisation, params string[] scopes) =>
        Tokens.Sector(organisation, scopes.Select(s => TokenFactory.HelseIdAudience + "/" + s), key.Thumbprint);

    /// <summary>
    /// Sends a request to <paramref name="app"/> (the first instance by default) with <c>Authorization</c> and each of
    /// <paramref name="proofs"/> as a <c>DPoP</c> header, and a fresh correlation id (returned) to find its access-log entry by.
    /// </summary>
    public async Task<(HttpResponseMessage Response, string CorrelationId)> SendAsync(
        string path, string? authorization, IEnumerable<string> proofs, CitizenServicesFactory? app = null, HttpMethod? method = null)
    {
        var client = (app ?? First).CreateClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var proof in proofs)
        {
            request.Headers.TryAddWithoutValidation("DPoP", proof);
        }

        var correlationId = Guid.NewGuid().ToString("N");
        request.Headers.Add("X-Correlation-Id", correlationId);
        var response = await client.SendAsync(request);
        client.Dispose();
        return (response, correlationId);
    }

    /// <summary>A DPoP request as a sector system sends it: the token after <c>DPoP</c>, one new proof for this method and URL.</summary>
    public Task<(HttpResponseMessage Response, string CorrelationId)> SendDPoPAsync(
        DPoPKey key, string token, string path, CitizenServicesFactory? app = null) =>
        SendAsync(path, "DPoP " + token, [key.Proof("GET", Url(path), token)], app);

    /// <summary>The URL as the client calls it, which its proof names in htu.</summary>
    public string Url(string path) => PublicOrigin + path;

    /// <summary>The entry with <paramref name="correlationId"/> in <paramref name="person"/>'s access log as they read it, or null.</summary>
    public async Task<JsonElement?> LogEntryAsync(string person, string correlationId, string? accept = null)
    {
        using var citizen = First.CreateClient(Tokens.Citizen(person));
        if (accept is not null)
        {
            citizen.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await citizen.GetAsync(new Uri("/api/v1/persons/me/access-log?pageSize=100", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        if (accept is not null)
        {
            return body;
        }

        foreach (var entry in body.GetProperty("entries").EnumerateArray())
        {
            if (entry.GetProperty("correlationId").GetString() == correlationId)
            {
                return entry;
            }
        }

        return null;
    }
}

/// <summary>
/// The DPoP and lookup tests share the two instances (and their proof replay caches) and Randi's reservation: one set-up
/// of two apps instead of one per class, so the classes run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SectorSystems : ICollectionFixture<SectorFixture>
{
    public const string Name = "Sector systems: two app instances on one storage account";
}
