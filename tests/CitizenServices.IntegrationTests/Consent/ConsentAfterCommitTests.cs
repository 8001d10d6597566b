namespace CitizenServices.IntegrationTests.Consent;

/// <summary>
/// Rule: a request that commits returns 2xx. The decision, its history and its event commit in one transaction in the
/// person's partition; the index by definition is written after it, to another table. A fault there (storage, or a bug)
/// must not turn the committed decision into a 500: the person gets their decision, reads show it, and the index is
/// repaired by the next decision on the same definition (a repeat of the same one included).
/// </summary>
public sealed class ConsentAfterCommitTests : IAsyncLifetime
{
    private const string Definition = "research-heart-rhythm-study";

    private readonly StorageFault _fault;
    private volatile string? _failing;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
    private CitizenServicesFactory _factory = null!;

    public ConsentAfterCommitTests()
    {
        // Every write to the index table fails while _failing is set: as storage would, or as a bug would.
        _fault = new StorageFault(r => _failing is { } kind && r.IsWrite && r.Path.Contains("/" + StorageNames.Tables.ConsentByDefinition, StringComparison.Ordinal)
            ? kind == "bug" ? new ArgumentOutOfRangeException(nameof(r), "A fault in code after the commit.") : StorageFault.Unavailable("The index table is unavailable.")
            : null);
    }

    public async Task InitializeAsync()
    {
        _factory = new CitizenServicesFactory
        {
            ConfigureServices = s => s.AddSingleton<TimeProvider>(_clock),
            TablePolicy = _fault,
            TablePolicyPosition = HttpPipelinePosition.PerCall,
        };
        await _factory.StartAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("storage")]
    [InlineData("bug")]
    public async Task Decide_WhenTheIndexWriteFailsAfterTheCommit_AnswersOkAndTheNextDecisionRepairsTheIndex(string fault)
    {
        await ClearAsync();
        _failing = fault;

        using var decided = await DecideAsync("given");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("given", await DecisionAsync());
        Assert.Null(await IndexedDecisionAsync());

        _failing = null;
        using var repeated = await DecideAsync("given");

        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal("given", await IndexedDecisionAsync());
    }

    private async Task<HttpResponseMessage> DecideAsync(string decision)
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));
        return await client.PutAsync(new Uri($"/api/v1/persons/me/consents/{Definition}", UriKind.Relative),
            new StringContent($"{{\"decision\":\"{decision}\",\"version\":\"1.1\"}}", System.Text.Encoding.UTF8, "application/json"));
    }

    private async Task<string?> DecisionAsync()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));
        var state = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync(new Uri($"/api/v1/persons/me/consents/{Definition}", UriKind.Relative)));
        return state.GetProperty("decision").GetProperty("decision").GetString();
    }

    private async Task<string?> IndexedDecisionAsync()
    {
        var index = _factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.ConsentByDefinition);
        await foreach (var row in index.QueryPartitionAsync<TableEntity>(Definition, Seed.KariMother))
        {
            return row.GetString("Choice");
        }

        return null;
    }

    private async Task ClearAsync()
    {
        var tables = _factory.Services.GetRequiredService<TableStore>();
        foreach (var (table, partition) in new[] { (StorageNames.Tables.Consent, Seed.KariMother), (StorageNames.Tables.ConsentByDefinition, Definition) })
        {
            await foreach (var row in tables.Table(table).QueryPartitionAsync<TableEntity>(partition))
            {
                await tables.Table(table).DeleteAsync(row.PartitionKey, row.RowKey);
            }
        }
    }
}
