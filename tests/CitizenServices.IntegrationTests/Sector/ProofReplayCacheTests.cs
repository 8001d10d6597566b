using CitizenServices.Infrastructure.Authentication;

namespace CitizenServices.IntegrationTests.Sector;

/// <summary>The shared DPoP replay record on a real Azurite table: first use wins, every repeat is refused, old minutes go.</summary>
public sealed class ProofReplayCacheTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 1, 10, 15, 30, TimeSpan.Zero);

    [Fact]
    public async Task TryRecord_WhenTheSameProofComesAgain_RefusesIt()
    {
        var table = await TestTable.CreateAsync();
        var cache = new TableProofReplayCache(table.Table);

        Assert.True(await cache.TryRecordAsync("proof-a", IssuedAt, CancellationToken.None));
        Assert.False(await cache.TryRecordAsync("proof-a", IssuedAt, CancellationToken.None));
        Assert.True(await cache.TryRecordAsync("proof-b", IssuedAt, CancellationToken.None));
    }

    [Fact]
    public async Task TryRecord_WhenManyInstancesRecordTheSameProofAtOnce_LetsExactlyOneThrough()
    {
        var table = await TestTable.CreateAsync();
        var caches = Enumerable.Range(0, 8).Select(_ => new TableProofReplayCache(table.Table)).ToList();

        var results = await Task.WhenAll(caches.Select(c => c.TryRecordAsync("contended", IssuedAt, CancellationToken.None)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task ForgetBefore_WhenProofsSpanTheCutOff_DeletesOnlyTheOlderMinutes()
    {
        var table = await TestTable.CreateAsync();
        var cache = new TableProofReplayCache(table.Table);
        for (var i = 0; i < 120; i++)
        {
            await cache.TryRecordAsync($"old-{i}", IssuedAt.AddMinutes(-3), CancellationToken.None);
        }

        await cache.TryRecordAsync("recent", IssuedAt, CancellationToken.None);

        var forgotten = await cache.ForgetBeforeAsync(IssuedAt.AddMinutes(-1), CancellationToken.None);

        Assert.Equal(120, forgotten);
        var left = await table.Table.QueryAsync<TableEntity>(null).ToListAsync();
        Assert.Equal("recent", Assert.Single(left).RowKey);
        Assert.True(await cache.TryRecordAsync("old-1", IssuedAt.AddMinutes(-3), CancellationToken.None));
    }
}
