namespace CitizenServices.IntegrationTests.Consent;

/// <summary>
/// The real handler with the seed register, Azurite and a clock the tests set; by default the committed consent catalog,
/// or a catalog file a test writes (<see cref="WithCatalog"/>). Tests in a class run one at a time, so the clock is safe.
/// </summary>
public class ConsentAppFixture() : ClockedAppFixture(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero))
{
    private string? _catalogFile;

    /// <summary>Uses a catalog with these definitions instead of the committed one; call before the app starts.</summary>
    public ConsentAppFixture WithCatalog(params object[] definitions)
    {
        _catalogFile = Path.Combine(Path.GetTempPath(), $"consent-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(_catalogFile, JsonSerializer.Serialize(new { definitions }));
        Factory.With("ConsentDefinitions:SeedFile", _catalogFile);
        return this;
    }

    /// <summary>A catalog entry: every version's text is "{id} {version}" unless given.</summary>
    public static object Definition(string id, string kind, params string[] versions) => new
    {
        id,
        kind,
        title = "Test definition " + id,
        purpose = "Tests",
        owner = "Tests",
        minimumAge = 0,
        versions = versions.Select(v => new { version = v, published = "2026-01-01", text = $"# {id}\n\nVersion {v}.\n" }).ToArray(),
    };

    public HttpClient Registry() => Factory.CreateClient(Factory.Tokens.Workforce([AppRoles.RegistryRead], "0301"));

    public async Task<HttpResponseMessage> DecideAsync(string caller, string subject, string definitionId, string decision, string version, string? validTo = null)
    {
        using var client = Citizen(caller);
        return await client.PutAsync(
            new Uri($"/api/v1/persons/{subject}/consents/{definitionId}", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { decision, version, validTo }), Encoding.UTF8, "application/json"));
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Deletes every consent row of these people (decisions, history, outbox) and their index rows.</summary>
    public async Task ClearAsync(IEnumerable<string> definitionIds, params string[] people)
    {
        var truth = Table(StorageNames.Tables.Consent);
        var index = Table(StorageNames.Tables.ConsentByDefinition);
        foreach (var person in people)
        {
            await truth.DeletePartitionAsync(person);

            foreach (var definition in definitionIds)
            {
                await index.DeleteAsync(definition, person);
            }
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_catalogFile is not null)
        {
            File.Delete(_catalogFile);
        }
    }
}
