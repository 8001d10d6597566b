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
        var requestsBefore = store.Requests.Count;
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
        Assert.DoesNotContain(store.Requests.Transactions, t => t.Conflicted);
        Assert.InRange(store.Requests.Count - requestsBefore, 2, 19);
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
        // Raced, and the losers retried: Azurite refused transactions (412/409), each refusal was logged as a lost attempt,
        // and every entry still landed, so each refused transaction was sent again.
        var refused = store.Requests.Transactions.Count(t => t.Conflicted);
        Assert.True(refused > 0, "no transaction lost the race, so nothing was retried");
        Assert.Equal(refused, store.Logger.Messages.Count(m => m.Contains("lost attempt", StringComparison.Ordinal)));
        Assert.Equal(refused + store.Requests.Transactions.Count(t => t.Committed), store.Requests.Transactions.Count);
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
        // One attempt each: every loser's only transaction was refused, and none was sent again.
        Assert.Equal(results.Count(r => r.Error is not null), store.Requests.Transactions.Count(t => t.Conflicted));
        Assert.Equal(20, store.Requests.Transactions.Count);
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
    public async Task AppendAsync_WhenAnotherInstanceMovesTheHeadBetweenTheReadAndTheWrite_LosesTheTransactionAndRetriesAfterIt()
    {
        // The race made to happen, not hoped for: the other instance appends right before this instance's transaction
        // leaves, so the head this instance read (and its ETag) is stale when the transaction arrives.
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(1);
        var other = store.InstanceWithItsOwnClient();
        AccessLogEntry? between = null;
        store.Requests.Reset();
        store.Requests.BeforeNextTransaction(async () => between = await other.AppendAsync(Principal, Draft(2), CancellationToken.None));

        var appended = await store.Log.AppendAsync(Principal, Draft(3), CancellationToken.None);

        var transactions = store.Requests.Transactions;
        Assert.Equal(2, transactions.Count);
        Assert.True(transactions[0].Conflicted, $"the first transaction was answered {transactions[0].Status}, not refused");
        Assert.True(transactions[1].Committed, $"the retry was answered {transactions[1].Status}");
        // The head was read again after the refusal (before it, the writer may have reused the head it wrote last).
        var sent = store.Requests.Requests.Select(r => r.Method == "GET" ? "read" : r.Resource).ToList();
        Assert.Equal(["$batch", "read", "$batch"], sent.SkipWhile(r => r == "read").ToList());
        Assert.Single(store.Logger.Messages, m => m.Contains("lost attempt 1 of", StringComparison.Ordinal));
        Assert.Equal(2, between!.Sequence);
        Assert.Equal(3, appended.Sequence);
        Assert.Equal(between.Hash, appended.PreviousHash);
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
