using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.IntegrationTests.Support;
using CitizenServices.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    private readonly IndexFault _fault = new(StorageNames.Tables.ConsentByDefinition);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
    private CitizenServicesFactory _factory = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        var options = new TableClientOptions();
        options.AddPolicy(_fault, HttpPipelinePosition.PerCall);
        _factory = new CitizenServicesFactory
        {
            ConfigureServices = s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton(new TableStore(new TableServiceClient(azurite.ConnectionString, options)));
            },
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
        _fault.Failing = fault;

        using var decided = await DecideAsync("given");

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("given", await DecisionAsync());
        Assert.Null(await IndexedDecisionAsync());

        _fault.Failing = null;
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

    /// <summary>Fails every write to one table while <see cref="Failing"/> is set: as storage would, or as a bug would.</summary>
    private sealed class IndexFault(string table) : HttpPipelinePolicy
    {
        public volatile string? Failing;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Fail(HttpMessage message)
        {
            var write = message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head;
            if (Failing is { } kind && write && message.Request.Uri.Path.Contains("/" + table, StringComparison.Ordinal))
            {
                throw kind == "bug"
                    ? new ArgumentOutOfRangeException(nameof(message), "A fault in code after the commit.")
                    : new Azure.RequestFailedException(503, "The index table is unavailable.");
            }
        }
    }
}
