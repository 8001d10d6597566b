namespace CitizenServices.IntegrationTests.Fullmakt;

/// <summary>The real handler on 1 December 2026 (the clock the tests move); each test first clears the fullmakter of the people it uses.</summary>
public sealed class FullmaktAppFixture() : ClockedAppFixture(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero))
{
    public BoundedTable Truth => Table(StorageNames.Tables.Fullmakt);

    /// <summary>The shared index of every stored kind; the fullmakt rows are those whose RowKey starts with <see cref="IndexPrefix"/>.</summary>
    public BoundedTable Index => Table(StorageNames.Tables.RepresentationsByRepresentative);

    public const string IndexPrefix = "fullmakt|";

    /// <summary>Deletes every fullmakt row given by or to these people: their partitions of the truth, their fullmakt rows of the index.</summary>
    public async Task ClearAsync(params string[] people)
    {
        foreach (var (table, prefix) in new[] { (Truth, (string?)null), (Index, IndexPrefix) })
        {
            foreach (var person in people)
            {
                await table.DeletePartitionAsync(person, prefix);
            }
        }
    }
}
