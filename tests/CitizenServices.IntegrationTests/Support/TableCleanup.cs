namespace CitizenServices.IntegrationTests.Support;

public static class TableCleanup
{
    /// <summary>
    /// Deletes every row of one partition (or only the rows whose RowKey starts with <paramref name="rowKeyPrefix"/>, e.g. one
    /// kind's rows of a shared index), so a test starts from nothing for the people it uses. The register facts in table
    /// <c>people</c> (<c>p|</c> rows, the replica the follower wrote from the register double) are fixtures, not test state:
    /// a whole-partition clean keeps them.
    /// </summary>
    public static async Task DeletePartitionAsync(this BoundedTable table, string partitionKey, string? rowKeyPrefix = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryPartitionAsync<TableEntity>(partitionKey, rowKeyPrefix, ["PartitionKey", "RowKey"]))
        {
            rows.Add(row);
        }

        foreach (var row in rows.Where(r => rowKeyPrefix is not null || !r.RowKey.StartsWith("p|", StringComparison.Ordinal)))
        {
            await table.DeleteAsync(row.PartitionKey, row.RowKey);
        }
    }
}
