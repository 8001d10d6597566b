using static CitizenServices.IntegrationTests.Storage.StorageTestClients;

namespace CitizenServices.IntegrationTests.Storage;

public sealed class TableQueryTests
{
    [Fact]
    public async Task QueryPartitionAsync_WhenPartitionHoldsMoreThanOnePage_ReturnsEveryEntity()
    {
        var t = await TestTable.CreateAsync();
        // Table Storage returns at most 1,000 entities per page, so 1,250 forces a second page.
        const int total = 1_250;
        foreach (var chunk in Enumerable.Range(0, total).Chunk(100))
        {
            var result = await t.Table.SubmitTransactionAsync(chunk.Select(i => Add(Entity("p", $"r{i:D5}", ("N", i)))).ToList());
            Assert.True(result.Succeeded);
        }

        t.Requests.Reset();
        var all = await t.AllAsync("p");

        Assert.Equal(Enumerable.Range(0, total), all.Select(e => e.GetInt32("N")!.Value).Order());
        Assert.True(t.Requests.Gets >= 2, $"expected several pages, saw {t.Requests.Gets} request(s)");
    }

    [Fact]
    public async Task QueryAsync_WhenFilterMatchesAcrossPages_DrainsEveryPage()
    {
        var t = await TestTable.CreateAsync();
        // 1,050 matches out of 2,100: more matches than one page holds.
        foreach (var chunk in Enumerable.Range(0, 2_100).Chunk(100))
        {
            await t.Table.SubmitTransactionAsync(chunk.Select(i => Add(Entity("p", $"r{i:D5}", ("Even", i % 2 == 0)))).ToList());
        }

        t.Requests.Reset();
        var even = await t.Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Even eq {true}"), ["Even"]).ToListAsync();

        Assert.Equal(1_050, even.Count);
        Assert.All(even, e => Assert.True(e.GetBoolean("Even")));
        Assert.True(t.Requests.Gets >= 2, $"expected several pages, saw {t.Requests.Gets} request(s)");
    }

    [Fact]
    public async Task QueryPartitionAsync_WhenRowKeyPrefixGiven_ReturnsOnlyThatPartitionsRowsWithThePrefix()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.SubmitTransactionAsync(
            new[] { "a", "a-1", "a-2", "a-2-x", "a.", "a,", "b-1", "A-1" }.Select(k => Add(Entity("p", k))).ToList());
        await t.Table.AddAsync(Entity("other", "a-3"));

        var rows = await t.Table.QueryPartitionAsync<TableEntity>("p", "a-").ToListAsync();

        Assert.Equal(["a-1", "a-2", "a-2-x"], rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QueryPartitionAsync_WhenKeysContainQuotes_TreatsThemAsValuesNotFilterSyntax()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.AddAsync(Entity("o'brien", "x'1"));
        await t.Table.AddAsync(Entity("other", "x'2"));

        var byPartition = await t.Table.QueryPartitionAsync<TableEntity>("o'brien").ToListAsync();
        var injected = await t.Table.QueryPartitionAsync<TableEntity>("nobody' or PartitionKey ne '").ToListAsync();
        var byPrefix = await t.Table.QueryPartitionAsync<TableEntity>("o'brien", "x'").ToListAsync();

        Assert.Equal("x'1", Assert.Single(byPartition).RowKey);
        Assert.Empty(injected);
        Assert.Equal("x'1", Assert.Single(byPrefix).RowKey);
    }

    [Fact]
    public async Task QueryPartitionAsync_WhenSelectGiven_ReturnsOnlySelectedProperties()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.AddAsync(Entity("p", "r", ("Keep", 1), ("Drop", 2)));

        var row = Assert.Single(await t.Table.QueryPartitionAsync<TableEntity>("p", select: ["Keep"]).ToListAsync());

        Assert.Equal(1, row.GetInt32("Keep"));
        Assert.False(row.ContainsKey("Drop"));
    }
}
