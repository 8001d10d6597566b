using static CitizenServices.IntegrationTests.Storage.StorageTestClients;

namespace CitizenServices.IntegrationTests.Storage;

public sealed class BoundedTableTests
{
    [Fact]
    public async Task UpdateAsync_WhenETagIsStale_ReturnsPreconditionFailedAndKeepsNewerValue()
    {
        var t = await TestTable.CreateAsync();
        var added = await t.Table.AddAsync(Entity("p", "slot", ("Holder", "first")));
        var winner = await t.Table.UpdateAsync(Entity("p", "slot", ("Holder", "second")), added.ETag);

        var loser = await t.Table.UpdateAsync(Entity("p", "slot", ("Holder", "third")), added.ETag);

        Assert.True(winner.Succeeded);
        Assert.NotEqual(added.ETag, winner.ETag);
        Assert.Equal(TableWriteOutcome.PreconditionFailed, loser.Outcome);
        var stored = await t.Table.GetAsync<TableEntity>("p", "slot");
        Assert.Equal("second", stored!.GetString("Holder"));
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task UpdateAsync_WhenEntityMissing_ReturnsNotFound()
    {
        var t = await TestTable.CreateAsync();

        var result = await t.Table.UpdateAsync(Entity("p", "gone"), ETag.All);

        Assert.Equal(TableWriteOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task UpdateAsync_WhenETagEmpty_ThrowsInsteadOfOverwriting()
    {
        var t = await TestTable.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => t.Table.UpdateAsync(Entity("p", "r"), default));

        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task AddAsync_WhenEntityExists_ReturnsAlreadyExistsAndKeepsOriginal()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.AddAsync(Entity("p", "r", ("V", 1)));

        var result = await t.Table.AddAsync(Entity("p", "r", ("V", 2)));

        Assert.Equal(TableWriteOutcome.AlreadyExists, result.Outcome);
        Assert.Equal(1, (await t.Table.GetAsync<TableEntity>("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task UpsertAsync_WhenEntityExists_ReplacesIt()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.UpsertAsync(Entity("p", "r", ("A", 1)));

        var result = await t.Table.UpsertAsync(Entity("p", "r", ("B", 2)));

        Assert.True(result.Succeeded);
        var stored = await t.Table.GetAsync<TableEntity>("p", "r");
        Assert.False(stored!.ContainsKey("A"));
        Assert.Equal(2, stored.GetInt32("B"));
    }

    [Fact]
    public async Task GetAsync_WhenEntityMissing_ReturnsNull()
    {
        var t = await TestTable.CreateAsync();

        Assert.Null(await t.Table.GetAsync<TableEntity>("p", "missing"));
    }

    [Fact]
    public async Task DeleteAsync_WhenETagIsStale_ReturnsPreconditionFailedAndKeepsEntity()
    {
        var t = await TestTable.CreateAsync();
        var first = await t.Table.AddAsync(Entity("p", "r", ("V", 1)));
        await t.Table.UpdateAsync(Entity("p", "r", ("V", 2)), first.ETag);

        var result = await t.Table.DeleteAsync("p", "r", first.ETag);

        Assert.Equal(TableWriteOutcome.PreconditionFailed, result.Outcome);
        Assert.NotNull(await t.Table.GetAsync<TableEntity>("p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_WhenETagMatches_DeletesEntity()
    {
        var t = await TestTable.CreateAsync();
        var added = await t.Table.AddAsync(Entity("p", "r"));

        var result = await t.Table.DeleteAsync("p", "r", added.ETag);

        Assert.True(result.Succeeded);
        Assert.Null(await t.Table.GetAsync<TableEntity>("p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_WhenEntityMissing_ReturnsNotFound()
    {
        var t = await TestTable.CreateAsync();

        var result = await t.Table.DeleteAsync("p", "missing");

        Assert.Equal(TableWriteOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenStateRowETagIsStale_ReturnsPreconditionFailedAndWritesNoOutboxRow()
    {
        var t = await TestTable.CreateAsync();
        var state = await t.Table.AddAsync(Entity("citizen1", "state", ("Version", 1)));
        await t.Table.UpdateAsync(Entity("citizen1", "state", ("Version", 2)), state.ETag);
        var stale = Entity("citizen1", "state", ("Version", 3));
        stale.ETag = state.ETag;

        var result = await t.Table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, stale, state.ETag),
            Add(Entity("citizen1", "outbox-1")),
        ]);

        Assert.Equal(TableWriteOutcome.PreconditionFailed, result.Outcome);
        Assert.Equal(0, result.FailedActionIndex);
        var stored = Assert.Single(await t.AllAsync("citizen1"));
        Assert.Equal(2, stored.GetInt32("Version"));
    }

    [Fact]
    public void Table_WhenNameBreaksTableRules_Throws()
    {
        var store = new TableStore(new TableServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), new TableSharedKeyCredential(
            "devstoreaccount1", Convert.ToBase64String(new byte[64]))));

        Assert.Throws<ArgumentException>(() => store.Table("out-box"));
        Assert.Same(store.Table("outbox"), store.Table("OUTBOX"));
    }
}
