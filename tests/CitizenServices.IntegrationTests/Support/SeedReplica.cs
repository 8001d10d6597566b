namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// The seed population in an app's storage account before its tests run. The first app of the test process gets it the
/// way production does, from its own register follower (the <c>RegisterFeed</c> function reading the register double);
/// every later app, in an account of its own, gets a copy of the rows that follow wrote, which are the rows its own
/// follower would write. The copy is one query per table and a transaction per partition; a follow is about a second of
/// the register's lookups and the replica's writes, and a test run starts about a hundred apps.
/// </summary>
internal static class SeedReplica
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyList<(string Table, TableEntity Row)>? _rows;

    public static async Task PutIntoAsync(CitizenServicesFactory app)
    {
        IReadOnlyList<(string Table, TableEntity Row)> rows;
        await Gate.WaitAsync();
        try
        {
            if (_rows is null)
            {
                await app.FollowRegisterAsync();
                _rows = await ReadAllAsync(new TableServiceClient(app.StorageConnectionString));
                return;
            }

            rows = _rows;
        }
        finally
        {
            Gate.Release();
        }

        await WriteAllAsync(new TableServiceClient(app.StorageConnectionString), rows);
    }

    private static async Task<IReadOnlyList<(string Table, TableEntity Row)>> ReadAllAsync(TableServiceClient service)
    {
        var rows = new List<(string, TableEntity)>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add((table.Name, row));
            }
        }

        return rows;
    }

    private static async Task WriteAllAsync(TableServiceClient service, IReadOnlyList<(string Table, TableEntity Row)> rows)
    {
        var transactions = rows
            .GroupBy(r => (r.Table, r.Row.PartitionKey))
            .SelectMany(partition => partition.Chunk(100).Select(chunk => (partition.Key.Table, Rows: chunk.Select(r => r.Row).ToList())))
            .ToList();
        await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (transaction, cancellationToken) =>
        {
            var table = service.GetTableClient(transaction.Table);
            await table.SubmitTransactionAsync(
                transaction.Rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        });
    }
}
