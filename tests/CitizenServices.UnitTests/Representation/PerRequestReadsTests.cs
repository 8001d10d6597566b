namespace CitizenServices.UnitTests.Representation;

public sealed class PerRequestReadsTests
{
    [Fact]
    public async Task GetAsync_WhenTheSameKeyIsAskedWhileItsReadIsInFlight_ReadsOnceAndGivesBothTheResult()
    {
        var reads = new PerRequestReads<string, int>();
        var calls = 0;
        var release = new TaskCompletionSource<int>();

        var first = reads.GetAsync("child", _ => { Interlocked.Increment(ref calls); return release.Task; });
        var second = reads.GetAsync("child", _ => { Interlocked.Increment(ref calls); return Task.FromResult(-1); });
        release.SetResult(7);

        var results = await Task.WhenAll(first, second);
        Assert.Equal([7, 7], results);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task GetAsync_WhenKeysDiffer_ReadsEachOnce()
    {
        var reads = new PerRequestReads<string, string>();
        var calls = new List<string>();

        foreach (var key in new[] { "a", "b", "a", "b" })
        {
            await reads.GetAsync(key, k => { calls.Add(k); return Task.FromResult(k.ToUpperInvariant()); });
        }

        Assert.Equal(["a", "b"], calls);
        Assert.Equal("B", await reads.GetAsync("b", _ => Task.FromResult("never read")));
    }
}
