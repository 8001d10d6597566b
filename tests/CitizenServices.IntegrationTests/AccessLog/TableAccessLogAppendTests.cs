using static CitizenServices.IntegrationTests.AccessLog.AccessLogTestStore;

namespace CitizenServices.IntegrationTests.AccessLog;

public sealed class TableAccessLogAppendTests
{
    [Fact]
    public async Task AppendAsync_WhenSeveralAppendsFollowEachOther_ChainsThemFromOne()
    {
        var store = await AccessLogTestStore.CreateAsync();

        var entries = await store.AppendAsync(3);

        Assert.Equal([1, 2, 3], entries.Select(e => e.Sequence));
        Assert.Equal(AccessLogHash.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        var head = (await store.Raw.GetEntityAsync<TableEntity>(Principal.Value, "head")).Value;
        Assert.Equal(3, head.GetInt64("Sequence"));
        Assert.Equal(entries[2].Hash.Hex, head.GetString("Hash"));
    }

    [Fact]
    public async Task AppendAsync_When20ConcurrentAppendsForOnePersonInOneInstance_WritesThemTogetherWithAnIntactChain()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(1);
        var requestsBefore = store.Counter.Count;
        using var start = new ManualResetEventSlim();

        var appends = Enumerable.Range(2, 20)
            .Select(n => Task.Run(async () =>
            {
                start.Wait();
                return await store.Log.AppendAsync(Principal, Draft(n), CancellationToken.None);
            }))
            .ToList();
        start.Set();
        var appended = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(Enumerable.Range(2, 20).Select(n => $"corr-{n}").Order(), appended.Select(e => e.CorrelationId).Order());
        var verification = await store.Log.VerifyAsync(Principal, CancellationToken.None);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(21, verification.EntriesChecked);
        // Queued, not raced: no attempt lost, and fewer requests than appends (one head read, then a transaction per batch).
        Assert.DoesNotContain(store.Logger.Messages, m => m.Contains("lost attempt", StringComparison.Ordinal));
        Assert.InRange(store.Counter.Count - requestsBefore, 2, 19);
    }

    [Fact]
    public async Task AppendAsync_When20ConcurrentAppendsForOnePersonComeFromTenInstances_YieldsSequencesOneToTwentyWithAnIntactChain()
    {
        var store = await AccessLogTestStore.CreateAsync();
        var instances = Enumerable.Range(0, 10).Select(_ => store.OtherInstance()).ToList();
        using var start = new ManualResetEventSlim();

        var appends = Enumerable.Range(1, 20)
            .Select(n => Task.Run(async () =>
            {
                start.Wait();
                return await instances[n % 10].AppendAsync(Principal, Draft(n), CancellationToken.None);
            }))
            .ToList();
        start.Set();
        var appended = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"corr-{n}").Order(), appended.Select(e => e.CorrelationId).Order());
        var verification = await store.Log.VerifyAsync(Principal, CancellationToken.None);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(20, verification.EntriesChecked);
        Assert.Equal(20, verification.HeadSequence);
        Assert.Contains(store.Logger.Messages, m => m.Contains("lost attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_WhenInstancesRunOutOfAttempts_FailsWithoutForkingTheChain()
    {
        // Twenty instances with one attempt each: losers must fail cleanly, and the winners still form one unbroken chain.
        var store = await AccessLogTestStore.CreateAsync();
        var instances = Enumerable.Range(0, 20).Select(_ => store.OtherInstance(maxAppendAttempts: 1)).ToList();
        using var start = new ManualResetEventSlim();

        var appends = Enumerable.Range(1, 20)
            .Select(n => Task.Run(async () =>
            {
                start.Wait();
                try
                {
                    return (Entry: (AccessLogEntry?)await instances[n - 1].AppendAsync(Principal, Draft(n), CancellationToken.None), Error: (Exception?)null);
                }
                catch (AccessLogContentionException ex)
                {
                    return (Entry: (AccessLogEntry?)null, Error: (Exception?)ex);
                }
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(appends);

        var succeeded = results.Where(r => r.Entry is not null).Select(r => r.Entry!.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, succeeded.Count).Select(i => (long)i), succeeded);
        Assert.All(results.Where(r => r.Error is not null), r =>
            Assert.DoesNotContain(Principal.Value, r.Error!.Message, StringComparison.Ordinal));
        var verification = await store.Log.VerifyAsync(Principal, CancellationToken.None);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal(succeeded.Count, verification.EntriesChecked);
    }

    [Fact]
    public async Task AppendAsync_WhenAnotherInstanceMovedTheHead_RereadsItAndContinuesTheChain()
    {
        // The first instance remembers the head it wrote only while its queue is busy; either way an entry written by
        // another instance in between must be chained to, never overwritten.
        var store = await AccessLogTestStore.CreateAsync();
        var other = store.OtherInstance();

        var first = await store.Log.AppendAsync(Principal, Draft(1), CancellationToken.None);
        var second = await other.AppendAsync(Principal, Draft(2), CancellationToken.None);
        var third = await store.Log.AppendAsync(Principal, Draft(3), CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], [first.Sequence, second.Sequence, third.Sequence]);
        Assert.Equal(second.Hash, third.PreviousHash);
        Assert.True((await store.Log.VerifyAsync(Principal, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task AppendAsync_WhenTheHeadIsDeletedButEntriesRemain_RefusesWithIntegrityErrorInsteadOfRestarting()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(2);
        await store.Raw.DeleteEntityAsync(Principal.Value, "head");

        var error = await Assert.ThrowsAsync<AccessLogIntegrityException>(() =>
            store.Log.AppendAsync(Principal, Draft(3), CancellationToken.None));

        Assert.DoesNotContain(Principal.Value, error.Message, StringComparison.Ordinal);
        Assert.Contains(Principal.Masked, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.Log.ReadAsync(Principal, 10, null, CancellationToken.None)).Value.Entries.Count);
    }

    [Fact]
    public async Task AppendAsync_WhenTheHeadIsUnreadable_RefusesWithIntegrityError()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(1);
        var head = (await store.Raw.GetEntityAsync<TableEntity>(Principal.Value, "head")).Value;
        head["Sequence"] = "one";
        await store.Raw.UpdateEntityAsync(head, ETag.All, TableUpdateMode.Replace);

        await Assert.ThrowsAsync<AccessLogIntegrityException>(() => store.Log.AppendAsync(Principal, Draft(2), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_WhenTheTableDoesNotExist_ThrowsNamingTheTable()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.Raw.DeleteAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.Log.AppendAsync(Principal, Draft(1), CancellationToken.None));

        Assert.Contains(store.Raw.Name, error.Message, StringComparison.Ordinal);
    }
}
