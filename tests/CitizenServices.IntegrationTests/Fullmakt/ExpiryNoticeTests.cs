using CitizenServices.Application.Fullmakt;

namespace CitizenServices.IntegrationTests.Fullmakt;

/// <summary>
/// The "expiring soon" notice end to end in the handler: grant over HTTP, move the clock into the notice window, invoke
/// the <c>Housekeeping</c> timer as the Functions host does, and look at the principal's partition in Azurite. The app
/// has a storage account of its own, so the day partitions of the expiry index hold only this class's rows.
/// </summary>
public sealed class ExpiryNoticeTests(FullmaktAppFixture app) : IClassFixture<FullmaktAppFixture>, IAsyncLifetime
{
    private const string LastDay = "2028-09-30";
    private const string Expiring = "fullmakt.expiring";

    private BoundedTable Expiry => app.Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.FullmaktExpiry);

    public async Task InitializeAsync()
    {
        app.Today(2028, 9, 1);
        await app.ClearAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, Seed.HildeFosterMother, Seed.TorFosterFather);
        foreach (var person in new[] { Seed.RandiGrandmother, Seed.HildeFosterMother })
        {
            var rows = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"RowKey ge {person + "|"} and RowKey lt {person + "}"}");
            await foreach (var row in Expiry.QueryAsync<TableEntity>(filter))
            {
                rows.Add(row);
            }

            foreach (var row in rows)
            {
                await Expiry.DeleteAsync(row.PartitionKey, row.RowKey);
            }
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Housekeeping_WhenInTheNoticeWindow_CommitsOneExpiringEventAndMarksTheFullmakt()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        Assert.Empty(await ExpiringEventsAsync(Seed.RandiGrandmother));
        app.Today(2028, 9, 16); // 14 days before the last day

        await InvokeHousekeepingAsync();

        var row = Assert.Single(await ExpiringEventsAsync(Seed.RandiGrandmother));
        Assert.Equal(Seed.RandiGrandmother, row.GetString("Subject"));
        using (var data = JsonDocument.Parse(row.GetString("Data")))
        {
            Assert.Equal(id, Guid.Parse(data.RootElement.GetProperty("fullmaktId").GetString()!));
            Assert.Equal(Seed.KristianFatherLivingApart, data.RootElement.GetProperty("representative").GetString());
            Assert.Equal(LastDay, data.RootElement.GetProperty("validTo").GetString());
        }

        var truth = (await app.Truth.GetAsync<TableEntity>(Seed.RandiGrandmother, $"f|{id:N}"))!;
        Assert.Equal(app.Clock.GetUtcNow(), truth.GetDateTimeOffset("ExpiryNoticeSentAt"));
        Assert.Null(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
        // The outbox relay must find the partition: the pending index points at it.
        Assert.Contains(await PendingPartitionsAsync(), p => p == $"{StorageNames.Tables.Fullmakt}|{Seed.RandiGrandmother}");
    }

    [Fact]
    public async Task Housekeeping_WhenInvokedAgainOrConcurrently_SendsTheNoticeOnce()
    {
        await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        await GrantAsync(Seed.HildeFosterMother, Seed.TorFosterFather, LastDay);
        app.Today(2028, 9, 20);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => InvokeHousekeepingAsync()));
        await InvokeHousekeepingAsync();
        app.Today(2028, 9, 29);
        await InvokeHousekeepingAsync();

        Assert.Single(await ExpiringEventsAsync(Seed.RandiGrandmother));
        Assert.Single(await ExpiringEventsAsync(Seed.HildeFosterMother));
    }

    [Fact]
    public async Task Housekeeping_WhenStillOutsideTheWindow_WaitsUntilFourteenDaysBefore()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        app.Today(2028, 9, 15); // 15 days before

        await InvokeHousekeepingAsync();

        Assert.Empty(await ExpiringEventsAsync(Seed.RandiGrandmother));
        Assert.NotNull(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));

        app.Today(2028, 9, 16);
        await InvokeHousekeepingAsync();

        Assert.Single(await ExpiringEventsAsync(Seed.RandiGrandmother));
    }

    [Fact]
    public async Task Housekeeping_WhenEndedBeforeTheWindow_SendsNothing()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        app.Today(2028, 9, 10);
        using (var client = app.Citizen(Seed.KristianFatherLivingApart))
        using (var ended = await client.DeleteAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.Null(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
        app.Today(2028, 9, 20);

        await InvokeHousekeepingAsync();

        Assert.Empty(await ExpiringEventsAsync(Seed.RandiGrandmother));
    }

    [Fact]
    public async Task Housekeeping_WhenTheIndexStillHasAnEndedFullmakt_DecidesOnTheTruthAndDropsTheEntry()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        app.Today(2028, 9, 10);
        using (var client = app.Citizen(Seed.RandiGrandmother))
        using (var ended = await client.DeleteAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        // As if the index update after the ending had failed.
        await Expiry.UpsertAsync(new TableEntity(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
        app.Today(2028, 9, 20);

        await InvokeHousekeepingAsync();

        Assert.Empty(await ExpiringEventsAsync(Seed.RandiGrandmother));
        Assert.Null(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
    }

    [Fact]
    public async Task RepairIndex_WhenTheExpiryRowWasLost_RebuildsItUntilTheNoticeIsSent()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        await Expiry.DeleteAsync(LastDay, $"{Seed.RandiGrandmother}|{id:N}");
        var forged = new TableEntity("2028-09-25", $"{Seed.RandiGrandmother}|{Guid.NewGuid():N}");
        await Expiry.UpsertAsync(forged);

        await RepairAsync(Seed.RandiGrandmother);

        Assert.NotNull(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
        Assert.Null(await Expiry.GetAsync<TableEntity>(forged.PartitionKey, forged.RowKey));

        app.Today(2028, 9, 20);
        await InvokeHousekeepingAsync();
        await RepairAsync(Seed.RandiGrandmother);

        Assert.Single(await ExpiringEventsAsync(Seed.RandiGrandmother));
        // Once the notice is sent the truth backs no entry, so the repair does not bring one back.
        Assert.Null(await Expiry.GetAsync<TableEntity>(LastDay, $"{Seed.RandiGrandmother}|{id:N}"));
    }

    [Fact]
    public async Task End_AfterTheNoticeWasSent_KeepsTheMarkerOnTheFullmakt()
    {
        var id = await GrantAsync(Seed.RandiGrandmother, Seed.KristianFatherLivingApart, LastDay);
        app.Today(2028, 9, 20);
        await InvokeHousekeepingAsync();
        var sentAt = app.Clock.GetUtcNow();
        app.Today(2028, 9, 22);

        using (var client = app.Citizen(Seed.RandiGrandmother))
        using (var ended = await client.DeleteAsync(new Uri($"/api/v1/fullmakter/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        var truth = (await app.Truth.GetAsync<TableEntity>(Seed.RandiGrandmother, $"f|{id:N}"))!;
        Assert.Equal(sentAt, truth.GetDateTimeOffset("ExpiryNoticeSentAt"));
        Assert.NotNull(truth.GetDateTimeOffset("EndedAt"));
    }

    private async Task<Guid> GrantAsync(string giver, string representative, string validTo)
    {
        using var client = app.Citizen(giver);
        using var response = await client.PostAsJsonAsync(
            new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), new { representative, serviceAreas = new[] { "messages" }, validTo });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Guid.Parse(JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!);
    }

    private async Task InvokeHousekeepingAsync()
    {
        var reply = await app.Factory.InvokeOkAsync("Housekeeping", Payloads.Timer("Housekeeping", app.Clock.GetUtcNow()));
        Assert.Empty(reply["Outputs"]!.AsObject());
    }

    private async Task<List<TableEntity>> ExpiringEventsAsync(string principal)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in app.Truth.QueryPartitionAsync<TableEntity>(principal, "outbox|"))
        {
            if (row.GetString("EventType") == Expiring)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private async Task<List<string>> PendingPartitionsAsync()
    {
        var pending = app.Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending);
        var keys = new List<string>();
        await foreach (var row in pending.QueryAsync<TableEntity>(null))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    private Task<(int Rewritten, int Removed)> RepairAsync(string principal) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<IFullmaktStore>().RepairIndexAsync(NationalIdentityNumber.Parse(principal), CancellationToken.None));
}

/// <summary>A storage fault fails the timer invocation (non-2xx), so the host's retry policy, or the next run, tries again.</summary>
public sealed class ExpiryNoticeFaultTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.WithUnreachableStorage().StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Housekeeping_WhenStorageIsUnreachable_FailsTheInvocation()
    {
        var (status, _) = await _factory.InvokeAsync("Housekeeping", Payloads.Timer("Housekeeping", DateTimeOffset.UtcNow));

        Assert.True((int)status >= 500, $"expected a 5xx, got {(int)status}");
    }
}
