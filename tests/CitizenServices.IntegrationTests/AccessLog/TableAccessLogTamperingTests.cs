using static CitizenServices.IntegrationTests.AccessLog.AccessLogTestStore;

namespace CitizenServices.IntegrationTests.AccessLog;

/// <summary>Changes rows behind the log's back with the plain Azure SDK, as someone with storage access could.</summary>
public sealed class TableAccessLogTamperingTests
{
    private static async Task<List<(AccessLogProblemKind Kind, long First, long Last)>> ProblemsAsync(AccessLogTestStore store)
    {
        var verification = await store.Log.VerifyAsync(Principal, CancellationToken.None);
        return verification.Problems.Select(p => (p.Kind, p.FirstSequence, p.LastSequence)).ToList();
    }

    [Fact]
    public async Task VerifyAsync_WhenNothingWasTouched_ReportsAnIntactLog()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(5);

        var verification = await store.Log.VerifyAsync(Principal, CancellationToken.None);

        Assert.True(verification.IsIntact);
        Assert.Equal(5, verification.EntriesChecked);
        Assert.Equal(5, verification.HeadSequence);
    }

    [Fact]
    public async Task VerifyAsync_WhenAMiddleRowIsDeleted_ReportsRemovedEntries()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(5);
        await store.Raw.DeleteEntityAsync(Principal.Value, RowKey(3));

        Assert.Equal([(AccessLogProblemKind.RemovedEntries, 3, 3)], await ProblemsAsync(store));
    }

    [Fact]
    public async Task VerifyAsync_WhenTheNewestRowIsDeleted_ReportsRemovedNewestEntries()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(5);
        await store.Raw.DeleteEntityAsync(Principal.Value, RowKey(5));

        Assert.Equal([(AccessLogProblemKind.RemovedNewestEntries, 5, 5)], await ProblemsAsync(store));
    }

    [Theory]
    [InlineData("Operation", "appointments.cancel")]
    [InlineData("ActorId", "20859010084")]
    [InlineData("BasisKind", "self")]
    [InlineData("ResourceIds", """{"appointmentId":"apt-9","subject":"01859010071"}""")]
    [InlineData("Channel", "sector-system")]
    public async Task VerifyAsync_WhenAFieldOfARowIsModified_ReportsAlteredEntry(string property, string value)
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(4);
        var row = await store.RowAsync(2);
        Assert.NotEqual(value, row[property]);
        row[property] = value;
        await store.Raw.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        Assert.Equal([(AccessLogProblemKind.AlteredEntry, 2, 2)], await ProblemsAsync(store));
    }

    [Fact]
    public async Task VerifyAsync_WhenTheTimeOfARowIsModified_ReportsAlteredEntry()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(3);
        var row = await store.RowAsync(1);
        row["OccurredAt"] = row.GetDateTimeOffset("OccurredAt")!.Value.AddDays(-1);
        await store.Raw.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        Assert.Equal([(AccessLogProblemKind.AlteredEntry, 1, 1)], await ProblemsAsync(store));
    }

    [Fact]
    public async Task VerifyAsync_WhenTwoRowsSwapContents_ReportsReordered()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(5);
        var (second, fourth) = (await store.RowAsync(2), await store.RowAsync(4));
        (second.RowKey, fourth.RowKey) = (fourth.RowKey, second.RowKey);
        await store.Raw.UpdateEntityAsync(second, ETag.All, TableUpdateMode.Replace);
        await store.Raw.UpdateEntityAsync(fourth, ETag.All, TableUpdateMode.Replace);

        var problems = await ProblemsAsync(store);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(AccessLogProblemKind.Reordered, p.Kind));
    }

    [Fact]
    public async Task VerifyAsync_WhenARowIsCopiedFromAnotherPersonsLog_ReportsAlteredEntry()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(3);
        await store.AppendAsync(3, OtherPerson);
        var foreign = await store.RowAsync(2, OtherPerson);
        foreign.PartitionKey = Principal.Value;
        await store.Raw.UpdateEntityAsync(foreign, ETag.All, TableUpdateMode.Replace);

        Assert.Contains((AccessLogProblemKind.AlteredEntry, 2, 2), await ProblemsAsync(store));
    }

    [Fact]
    public async Task VerifyAsync_WhenAPropertyGetsAnotherType_ReportsUnreadableEntryAndReadSkipsIt()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(3);
        var row = await store.RowAsync(2);
        row["Sequence"] = "two";
        await store.Raw.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var problems = await ProblemsAsync(store);
        var page = (await store.Log.ReadAsync(Principal, 10, null, CancellationToken.None)).Value;

        Assert.Contains((AccessLogProblemKind.UnreadableEntry, 2, 2), problems);
        Assert.Equal([3, 1], page.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_WhenTamperingIsFound_LogsItWithTheNumberMaskedOnly()
    {
        var store = await AccessLogTestStore.CreateAsync();
        await store.AppendAsync(3);
        await store.Raw.DeleteEntityAsync(Principal.Value, RowKey(2));
        var row = await store.RowAsync(1);
        row["Sequence"] = "one";
        await store.Raw.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        await store.Log.VerifyAsync(Principal, CancellationToken.None);
        await store.Log.ReadAsync(Principal, 10, null, CancellationToken.None);

        Assert.Contains(store.Logger.Messages, m => m.Contains("failed verification", StringComparison.Ordinal));
        Assert.Contains(store.Logger.Messages, m => m.Contains(Principal.Masked, StringComparison.Ordinal));
        Assert.All(store.Logger.Messages, m => Assert.DoesNotContain(Principal.Value, m, StringComparison.Ordinal));
    }
}
