using CitizenServices.Domain.Errors;
using static CitizenServices.IntegrationTests.AccessLog.AccessLogTestStore;

namespace CitizenServices.IntegrationTests.AccessLog;

public sealed class TableAccessLogReadTests
{
    private static async Task<List<AccessLogPage>> ReadAllPagesAsync(AccessLogTestStore store, int pageSize)
    {
        var pages = new List<AccessLogPage>();
        string? token = null;
        do
        {
            var result = await store.Log.ReadAsync(Principal, pageSize, token, CancellationToken.None);
            Assert.True(result.IsSuccess);
            pages.Add(result.Value);
            token = result.Value.ContinuationToken;
            Assert.True(pages.Count <= 100, "paging did not end");
        }
        while (token is not null);

        return pages;
    }

    [Fact]
    public async Task ReadAsync_WhenLogSpansSeveralPages_ReturnsEveryEntryOnceNewestFirst()
    {
        var store = await AccessLogTestStore.CreateAsync();
        var appended = await store.AppendAsync(7);

        var pages = await ReadAllPagesAsync(store, pageSize: 3);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Entries.Count));
        Assert.Equal(appended.AsEnumerable().Reverse(), pages.SelectMany(p => p.Entries));
    }

    [Fact]
    public async Task ReadAsync_WhenEntryCountIsAMultipleOfThePageSize_LastFullPageHasNoToken()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(6);

        var pages = await ReadAllPagesAsync(store, pageSize: 3);

        Assert.Equal([3, 3], pages.Select(p => p.Entries.Count));
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task ReadAsync_WhenPageSizeIsTheDefault_ReturnsTheTwentyNewestAndAToken()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(AccessLogPaging.DefaultPageSize + 1);

        var page = (await store.Log.ReadAsync(Principal, AccessLogPaging.DefaultPageSize, null, CancellationToken.None)).Value;

        Assert.Equal(20, page.Entries.Count);
        Assert.Equal(21, page.Entries[0].Sequence);
        Assert.NotNull(page.ContinuationToken);
    }

    [Fact]
    public async Task ReadAsync_WhenReadBack_EntriesEqualWhatAppendReturnedIncludingTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 10, 26, 1, 30, 0, TimeSpan.FromHours(2)).AddTicks(12_345));
        var store = await AccessLogTestStore.CreateAsync(time);
        var appended = await store.Log.AppendAsync(Principal, Draft(1), CancellationToken.None);

        var read = Assert.Single((await store.Log.ReadAsync(Principal, 10, null, CancellationToken.None)).Value.Entries);

        Assert.Equal(appended, read);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 23, 30, 0, 1, TimeSpan.Zero), read.OccurredAt);
        Assert.Equal(AccessLogChain.ComputeHash(read), read.Hash);
    }

    [Fact]
    public async Task ReadAsync_WhenLogIsEmpty_ReturnsAnEmptyPageWithoutToken()
    {
        var store = await AccessLogTestStore.CreateAsync();

        var page = (await store.Log.ReadAsync(Principal, 20, null, CancellationToken.None)).Value;

        Assert.Empty(page.Entries);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ReadAsync_WhenAnotherPersonHasEntries_ReturnsOnlyThePrincipalsOwn()
    {
        var store = await AccessLogTestStore.CreateAsync();
        var own = await store.AppendAsync(3);
        var others = await store.AppendAsync(4, OtherPerson);

        var ownPage = (await store.Log.ReadAsync(Principal, 100, null, CancellationToken.None)).Value;
        var othersPage = (await store.Log.ReadAsync(OtherPerson, 100, null, CancellationToken.None)).Value;

        Assert.Equal(own.AsEnumerable().Reverse(), ownPage.Entries);
        Assert.All(ownPage.Entries, e => Assert.Equal(Principal, e.Principal));
        Assert.Equal(others.AsEnumerable().Reverse(), othersPage.Entries);
        Assert.True((await store.Log.VerifyAsync(Principal, CancellationToken.None)).IsIntact);
        Assert.True((await store.Log.VerifyAsync(OtherPerson, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task ReadAsync_WhenTokenFromAnotherPersonsLogIsUsed_StillReadsOnlyThePrincipalsPartition()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(3);
        await store.AppendAsync(5, OtherPerson);
        var foreignToken = (await store.Log.ReadAsync(OtherPerson, 1, null, CancellationToken.None)).Value.ContinuationToken;

        var page = (await store.Log.ReadAsync(Principal, 100, foreignToken, CancellationToken.None)).Value;

        Assert.Equal([3, 2, 1], page.Entries.Select(e => e.Sequence));
        Assert.All(page.Entries, e => Assert.Equal(Principal, e.Principal));
    }

    [Fact]
    public async Task ReadAsync_WhenMiddleRowsAreMissing_StillPagesThroughEveryRemainingEntry()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(10);
        foreach (var sequence in new[] { 6, 7, 8 })
        {
            await store.Raw.DeleteEntityAsync(Principal.Value, RowKey(sequence));
        }

        var pages = await ReadAllPagesAsync(store, pageSize: 3);

        Assert.Equal([10, 9, 5, 4, 3, 2, 1], pages.SelectMany(p => p.Entries).Select(e => e.Sequence));
        Assert.All(pages[..^1], p => Assert.Equal(3, p.Entries.Count));
    }

    [Fact]
    public async Task ReadAsync_WhenChainIsUnbroken_ReadsEachPageWithASingleRangeQuery()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(10);

        store.Requests.Reset();
        var first = (await store.Log.ReadAsync(Principal, 3, null, CancellationToken.None)).Value;
        var firstGets = store.Requests.Gets;
        store.Requests.Reset();
        var second = (await store.Log.ReadAsync(Principal, 3, first.ContinuationToken, CancellationToken.None)).Value;

        // The head read plus one query, then one query: no open-ended fallback query while no row is missing.
        Assert.Equal(2, firstGets);
        Assert.Equal(1, store.Requests.Gets);
        Assert.Equal([10, 9, 8, 7, 6, 5], first.Entries.Concat(second.Entries).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadAsync_WhenTokenIsPassedBack_ContinuesRightAfterTheLastEntryOfThePage()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(5);
        var first = (await store.Log.ReadAsync(Principal, 2, null, CancellationToken.None)).Value;

        var second = (await store.Log.ReadAsync(Principal, 2, first.ContinuationToken, CancellationToken.None)).Value;
        var again = (await store.Log.ReadAsync(Principal, 2, first.ContinuationToken, CancellationToken.None)).Value;

        Assert.Equal([5, 4], first.Entries.Select(e => e.Sequence));
        Assert.Equal([3, 2], second.Entries.Select(e => e.Sequence));
        Assert.Equal(second, again with { Entries = second.Entries });
        Assert.Equal(second.Entries, again.Entries);
    }

    public static TheoryData<string> MalformedTokens => new()
    {
        string.Empty,
        "not a token",
        "%%%",
        Convert.ToBase64String(Encoding.ASCII.GetBytes("head")),
        Convert.ToBase64String(Encoding.ASCII.GetBytes("e123")),
        Convert.ToBase64String(Encoding.ASCII.GetBytes("x9223372036854775806")),
        // The canonical key of sequence 1 but in padded standard base64, which this service never issues.
        Convert.ToBase64String(Encoding.ASCII.GetBytes(RowKey(1))) + "=",
        // long.MaxValue inverted: sequence 0, which no entry has.
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes("e9223372036854775807")),
        new string('A', 10_000),
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task ReadAsync_WhenTokenIsMalformed_ReturnsInvalidContinuationTokenError(string token)
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(2);

        var result = await store.Log.ReadAsync(Principal, 20, token, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.BadRequest, result.Error!.Kind);
        Assert.Equal("continuationToken", result.Error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task ReadAsync_WhenPageSizeIsOutOfRange_ReturnsInvalidPageSizeError(int pageSize)
    {
        var store = await AccessLogTestStore.CreateAsync();

        var result = await store.Log.ReadAsync(Principal, pageSize, null, CancellationToken.None);

        Assert.Equal(ErrorKind.BadRequest, result.Error!.Kind);
        Assert.Equal("pageSize", result.Error.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ReadAsync_WhenPageSizeIsAtALimit_IsAccepted(int pageSize)
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(2);

        var result = await store.Log.ReadAsync(Principal, pageSize, null, CancellationToken.None);

        Assert.Equal(Math.Min(pageSize, 2), result.Value.Entries.Count);
    }
}
