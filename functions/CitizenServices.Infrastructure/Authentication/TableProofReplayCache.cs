using CitizenServices.Application.Authentication;

namespace CitizenServices.Infrastructure.Authentication;

/// <summary>
/// <see cref="IProofReplayCache"/> on the <c>dpopproofs</c> table: recording a proof is an insert that fails with 409 when
/// the row exists, so the first of any number of instances wins and every later presentation is refused, with no read
/// before the write to race against. Rows are partitioned by the proof's issue minute (a replay carries the same issue
/// time, so it lands on the same row) and spread over sixteen shards per minute, so no partition is hot; old minutes are
/// deleted by <see cref="ForgetBeforeAsync"/> from the hourly housekeeping.
/// </summary>
public sealed class TableProofReplayCache(BoundedTable table) : IProofReplayCache
{
    public const string IssuedAtProperty = "IssuedAt";
    private const int MaxProofIdLength = 128;
    private const string MinuteFormat = "yyyyMMddHHmm";

    public async Task<bool> TryRecordAsync(string proofId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(proofId);
        if (proofId.Length > MaxProofIdLength)
        {
            throw new ArgumentException($"A proof id has at most {MaxProofIdLength} characters.", nameof(proofId));
        }

        var row = new TableEntity(PartitionKey(proofId, issuedAt), RowKey(proofId)) { [IssuedAtProperty] = issuedAt.ToUniversalTime() };
        var result = await table.AddAsync(row, cancellationToken);
        return result.Outcome == TableWriteOutcome.Succeeded;
    }

    public async Task<int> ForgetBeforeAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        // Whole minutes only: a minute's partitions go once all of it is before the cut-off.
        var cutoff = Minute(issuedBefore);
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {cutoff}");
        var rows = new List<(string PartitionKey, string RowKey)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, ["PartitionKey", "RowKey"], cancellationToken))
        {
            rows.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All)).ToList();
                var result = await table.SubmitTransactionAsync(actions, cancellationToken);
                if (result.Outcome != TableWriteOutcome.Succeeded)
                {
                    // Another run deleted some of them meanwhile; the transaction then deletes nothing, so go one by one.
                    foreach (var (partitionKey, rowKey) in chunk)
                    {
                        await table.DeleteAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
                    }
                }
            }
        }

        return rows.Count;
    }

    /// <summary>The issue minute (UTC) and one hex digit of a hash of the id: sixteen partitions per minute.</summary>
    public static string PartitionKey(string proofId, DateTimeOffset issuedAt) =>
        Minute(issuedAt) + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(proofId)))[0];

    private static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString(MinuteFormat, CultureInfo.InvariantCulture);

    // Table keys may not hold '/', '\', '#', '?' or control characters; base64url and hex ids never do, anything else is hashed.
    private static string RowKey(string proofId) =>
        proofId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? proofId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(proofId)));
}

public static class ProofReplayCacheServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TableProofReplayCache"/> as <see cref="IProofReplayCache"/>; needs the app's storage (<see cref="TableStore"/>).</summary>
    public static IServiceCollection AddTableProofReplayCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IProofReplayCache>(provider =>
            new TableProofReplayCache(provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.DPoPProofs)));
        return services;
    }
}
