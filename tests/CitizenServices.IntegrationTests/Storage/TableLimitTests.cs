using static CitizenServices.IntegrationTests.Storage.StorageTestClients;

namespace CitizenServices.IntegrationTests.Storage;

public sealed class TableLimitTests
{
    /// <summary>32,000 characters: under the 64 KiB property limit, 64,000 bytes by the size formula.</summary>
    private static readonly string LargeString = new('x', 32_000);

    [Fact]
    public async Task SubmitTransactionAsync_When101Actions_ThrowsBeforeAnyRequestAndWritesNothing()
    {
        var t = await TestTable.CreateAsync();
        var actions = Enumerable.Range(0, 101).Select(i => Add(Entity("p", $"r{i:D3}"))).ToList();

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync(actions));

        Assert.Equal(TableLimit.TooManyActions, ex.Limit);
        Assert.Equal(101, ex.Actual);
        Assert.Equal(100, ex.Maximum);
        Assert.Equal(0, t.Requests.Count);
        Assert.Empty(await t.AllAsync("p"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenActionsSpanTwoPartitions_ThrowsBeforeAnyRequestAndWritesNothing()
    {
        var t = await TestTable.CreateAsync();
        TableTransactionAction[] actions = [Add(Entity("p1", "a")), Add(Entity("p2", "b"))];

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync(actions));

        Assert.Equal(TableLimit.MultiplePartitions, ex.Limit);
        Assert.Equal(2, ex.Actual);
        Assert.Equal(0, t.Requests.Count);
        Assert.Empty(await t.AllAsync("p1"));
        Assert.Empty(await t.AllAsync("p2"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenPayloadExceeds4MiB_ThrowsBeforeAnyRequest()
    {
        var t = await TestTable.CreateAsync();
        // Five entities of about 900 KB: each is under the 1 MiB entity limit, together over 4 MiB.
        var actions = Enumerable.Range(0, 5)
            .Select(i => Add(Entity("p", $"r{i}", Enumerable.Range(0, 14).Select(n => ($"S{n}", (object)LargeString)).ToArray())))
            .ToList();
        Assert.All(actions, a => Assert.InRange(TableLimits.EstimateEntitySize(a.Entity), 800_000, TableLimits.MaxEntityBytes));

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync(actions));

        Assert.Equal(TableLimit.TransactionPayloadTooLarge, ex.Limit);
        Assert.True(ex.Actual >= TableLimits.MaxTransactionPayloadBytes, $"estimate {ex.Actual}");
        Assert.Equal(4L * 1024 * 1024, ex.Maximum);
        Assert.Equal(0, t.Requests.Count);
        Assert.Empty(await t.AllAsync("p"));
    }

    [Fact]
    public async Task UpsertAsync_WhenEntityExceeds1MiB_ThrowsEntityTooLargeAndWritesNothing()
    {
        var t = await TestTable.CreateAsync();
        var entity = Entity("p", "big", Enumerable.Range(0, 17).Select(n => ($"S{n}", (object)LargeString)).ToArray());

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.UpsertAsync(entity));

        Assert.Equal(TableLimit.EntityTooLarge, ex.Limit);
        Assert.Equal(TableLimits.EstimateEntitySize(entity), ex.Actual);
        Assert.True(ex.Actual > 1024 * 1024);
        Assert.Equal(1024 * 1024, ex.Maximum);
        Assert.Equal(0, t.Requests.Count);
        Assert.Null(await t.Table.GetAsync<TableEntity>("p", "big"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenOneEntityExceeds1MiB_ThrowsNamingThatAction()
    {
        var t = await TestTable.CreateAsync();
        TableTransactionAction[] actions =
        [
            Add(Entity("p", "small")),
            Add(Entity("p", "big", Enumerable.Range(0, 17).Select(n => ($"S{n}", (object)LargeString)).ToArray())),
        ];

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync(actions));

        Assert.Equal(TableLimit.EntityTooLarge, ex.Limit);
        Assert.Equal(1, ex.ActionIndex);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenExactly100Actions_WritesAllInOneRequest()
    {
        var t = await TestTable.CreateAsync();
        var actions = Enumerable.Range(0, 100).Select(i => Add(Entity("p", $"r{i:D3}", ("N", i)))).ToList();

        var result = await t.Table.SubmitTransactionAsync(actions);

        Assert.True(result.Succeeded);
        Assert.Equal(100, result.ETags.Count);
        Assert.Equal(1, t.Requests.Count);
        var stored = await t.AllAsync("p");
        Assert.Equal(Enumerable.Range(0, 100), stored.Select(e => e.GetInt32("N")!.Value).Order());
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenLastOf100ActionsConflicts_WritesNothingAndReportsThatAction()
    {
        var t = await TestTable.CreateAsync();
        await t.Table.AddAsync(Entity("p", "r099", ("Original", true)));
        var actions = Enumerable.Range(0, 100).Select(i => Add(Entity("p", $"r{i:D3}"))).ToList();

        var result = await t.Table.SubmitTransactionAsync(actions);

        Assert.Equal(TableWriteOutcome.AlreadyExists, result.Outcome);
        Assert.Equal(99, result.FailedActionIndex);
        var stored = Assert.Single(await t.AllAsync("p"));
        Assert.Equal("r099", stored.RowKey);
        Assert.True(stored.GetBoolean("Original"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenEmpty_ThrowsEmptyTransaction()
    {
        var t = await TestTable.CreateAsync();

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync([]));

        Assert.Equal(TableLimit.EmptyTransaction, ex.Limit);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_WhenSameRowKeyTwice_ThrowsDuplicateRowKeyNamingSecondAction()
    {
        var t = await TestTable.CreateAsync();
        TableTransactionAction[] actions =
        [
            Add(Entity("p", "a")),
            Add(Entity("p", "b")),
            new(TableTransactionActionType.UpsertMerge, Entity("p", "a", ("X", 1))),
        ];

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.SubmitTransactionAsync(actions));

        Assert.Equal(TableLimit.DuplicateRowKey, ex.Limit);
        Assert.Equal(2, ex.ActionIndex);
        Assert.DoesNotContain("\"a\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, t.Requests.Count);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public async Task AddAsync_WhenRowKeyHasForbiddenCharacter_ThrowsWithoutRequest(string rowKey)
    {
        var t = await TestTable.CreateAsync();

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.AddAsync(Entity("p", rowKey)));

        Assert.Equal(TableLimit.ForbiddenKeyCharacter, ex.Limit);
        Assert.Equal(rowKey[1], (char)ex.Actual);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task AddAsync_WhenPartitionKeyOver1KiB_ThrowsKeyTooLong()
    {
        var t = await TestTable.CreateAsync();

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.AddAsync(Entity(new string('k', 513), "r")));

        Assert.Equal(TableLimit.KeyTooLong, ex.Limit);
        Assert.Equal(1026, ex.Actual);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task UpsertAsync_When252CustomProperties_Writes()
    {
        var t = await TestTable.CreateAsync();
        var entity = Entity("p", "r", Enumerable.Range(0, 252).Select(n => ($"P{n}", (object)n)).ToArray());

        var result = await t.Table.UpsertAsync(entity);

        Assert.True(result.Succeeded);
        var stored = await t.Table.GetAsync<TableEntity>("p", "r");
        Assert.Equal(251, stored!.GetInt32("P251"));
    }

    [Fact]
    public async Task UpsertAsync_When253CustomProperties_ThrowsTooManyProperties()
    {
        var t = await TestTable.CreateAsync();
        var entity = Entity("p", "r", Enumerable.Range(0, 253).Select(n => ($"P{n}", (object)n)).ToArray());

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.UpsertAsync(entity));

        Assert.Equal(TableLimit.TooManyProperties, ex.Limit);
        Assert.Equal(253, ex.Actual);
        Assert.Equal(252, ex.Maximum);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public async Task UpsertAsync_WhenStringPropertyOver64KiB_ThrowsPropertyTooLarge()
    {
        var t = await TestTable.CreateAsync();
        var entity = Entity("p", "r", ("Text", new string('x', 32 * 1024 + 1)));

        var ex = await Assert.ThrowsAsync<TableLimitException>(() => t.Table.UpsertAsync(entity));

        Assert.Equal(TableLimit.PropertyTooLarge, ex.Limit);
        Assert.Equal(64 * 1024 + 2, ex.Actual);
        Assert.Equal(0, t.Requests.Count);
    }

    [Fact]
    public void EstimateEntitySize_WhenEveryPropertyType_MatchesDocumentedFormula()
    {
        var when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var dictionary = Entity("p1", "r1",
            ("Name", "abc"), ("Flag", true), ("N", 7), ("L", 7L), ("D", 1.5), ("G", Guid.Empty), ("T", when), ("B", new byte[10]));
        var poco = new SizedEntity
        {
            PartitionKey = "p1", RowKey = "r1", Name = "abc", Flag = true, N = 7, L = 7L, D = 1.5, G = Guid.Empty, T = when,
            B = new byte[10], Skipped = null,
        };
        // 4 + (2+2)*2 = 12 for the entity and keys; then per property 8 + name*2 + value:
        // Name 8+8+(4+6)=26, Flag 8+8+1=17, N 8+2+4=14, L 8+2+8=18, D 8+2+8=18, G 8+2+16=26, T 8+2+8=18, B 8+2+(4+10)=24.
        const long expected = 12 + 26 + 17 + 14 + 18 + 18 + 26 + 18 + 24;

        Assert.Equal(expected, TableLimits.EstimateEntitySize(dictionary));
        Assert.Equal(expected, TableLimits.EstimateEntitySize(poco));
    }

    private sealed class SizedEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public Azure.ETag ETag { get; set; }
        public string? Name { get; set; }
        public bool Flag { get; set; }
        public int N { get; set; }
        public long L { get; set; }
        public double D { get; set; }
        public Guid G { get; set; }
        public DateTimeOffset T { get; set; }
        public byte[]? B { get; set; }

        /// <summary>Null properties are not sent, so they add nothing.</summary>
        public string? Skipped { get; set; }
    }
}
