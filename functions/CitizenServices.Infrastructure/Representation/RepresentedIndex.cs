namespace CitizenServices.Infrastructure.Representation;

/// <summary>
/// How one stored representation kind (fullmakt, guardianship, foster care) writes and reads its rows in the shared
/// <see cref="RepresentedIndex"/>. The kind's store owns the row's properties; the index owns the keys.
/// </summary>
public interface IRepresentedIndexFormat
{
    /// <summary>The first segment of the kind's RowKeys (lowercase letters): <c>{Source}|{principal}|{relation id}</c>.</summary>
    string Source { get; }

    /// <summary>
    /// What the row lets its representative do: the representations it holds (empty when it holds none now, e.g. a
    /// mandate without access), or null when the row is malformed.
    /// </summary>
    IReadOnlyList<Application.Authorization.Representation>? Read(TableEntity row);

    /// <summary>The stored values that matter, for telling whether an index row still says what the truth says.</summary>
    string Signature(TableEntity row);
}

/// <summary>
/// The inverse index of every stored representation kind, table <c>representationsbyrepresentative</c>: PartitionKey = the
/// representative, RowKey = <c>{source}|{principal}|{relation id}</c>. "Who can I act for" is one partition query,
/// however many kinds and relations the person has. It is a cache: each kind's truth is partitioned by the principal
/// and is all authorization reads; a kind writes its row after its truth commits and
/// <see cref="RepairAsync"/> makes the rows of one principal agree with that truth again.
/// </summary>
public sealed class RepresentedIndex(BoundedTable table, IEnumerable<IRepresentedIndexFormat> formats, ILogger<RepresentedIndex> logger)
    : IRepresentedLookup
{
    private readonly Dictionary<string, IRepresentedIndexFormat> _formats = formats.ToDictionary(f => f.Source, StringComparer.Ordinal);

    public string TableName => table.Name;

    public static string RowKey(string source, NationalIdentityNumber principal, Guid relationId) =>
        $"{source}|{principal.Value}|{relationId:N}";

    /// <summary>Every row of one principal's relations of one kind sorts in [from, to), in any representative's partition.</summary>
    public static (string From, string To) RangeOf(string source, NationalIdentityNumber principal) =>
        ($"{source}|{principal.Value}|", $"{source}|{principal.Value}}}");

    /// <summary>Everything the representative holds, every kind, from one partition query.</summary>
    public async Task<IReadOnlyList<Application.Authorization.Representation>> ListRepresentedAsync(
        NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        var result = new List<Application.Authorization.Representation>();
        await foreach (var row in table.QueryPartitionAsync<TableEntity>(representative.Value, cancellationToken: cancellationToken))
        {
            var source = row.RowKey.Split('|', 2)[0];
            var held = _formats.TryGetValue(source, out var format) ? format.Read(row) : null;
            if (held is null || held.Any(r => r.Representative != representative))
            {
                Skip(row, representative);
                continue;
            }

            result.AddRange(held);
        }

        return result;
    }

    /// <summary>The representative's rows of one kind (a RowKey range in their partition: one query).</summary>
    public IAsyncEnumerable<TableEntity> QueryAsync(string source, NationalIdentityNumber representative, CancellationToken cancellationToken) =>
        table.QueryPartitionAsync<TableEntity>(representative.Value, source + "|", cancellationToken: cancellationToken);

    /// <summary>The keys of every row in a representative's partition, of every kind (who they act for).</summary>
    public IAsyncEnumerable<TableEntity> QueryKeysAsync(NationalIdentityNumber representative, CancellationToken cancellationToken) =>
        table.QueryPartitionAsync<TableEntity>(representative.Value, null, ["PartitionKey", "RowKey"], cancellationToken);

    /// <summary>Writes (replaces) one row, after its truth committed.</summary>
    public async Task WriteAsync(TableEntity row, CancellationToken cancellationToken) =>
        await table.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deletes one row (absent is fine), when the truth stops backing it.</summary>
    public async Task DeleteAsync(string representative, string rowKey, CancellationToken cancellationToken) =>
        await table.DeleteAsync(representative, rowKey, cancellationToken: cancellationToken);

    /// <summary>
    /// Makes the rows of <paramref name="principal"/>'s relations of one kind agree with <paramref name="expected"/>, the
    /// rows its truth backs: missing or differing rows rewritten, every other row of that principal and kind removed.
    /// Idempotent. The removal finds rows by RowKey range across representatives' partitions: a scan, acceptable for a
    /// repair and never done on a request.
    /// </summary>
    public async Task<RepresentedIndexRepair> RepairAsync(
        string source, NationalIdentityNumber principal, IReadOnlyList<TableEntity> expected, CancellationToken cancellationToken)
    {
        var format = _formats[source];
        var (from, to) = RangeOf(source, principal);
        if (expected.Any(r => string.CompareOrdinal(r.RowKey, from) < 0 || string.CompareOrdinal(r.RowKey, to) >= 0))
        {
            throw new ArgumentException($"Every expected row is a {source} row of the principal.", nameof(expected));
        }

        var rewritten = 0;
        foreach (var row in expected)
        {
            var current = await table.GetAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (current is null || format.Signature(current) != format.Signature(row))
            {
                await WriteAsync(row, cancellationToken);
                rewritten++;
            }
        }

        var removed = await table.DeleteRowKeyRangeExceptAsync(from, to, expected.Select(r => (r.PartitionKey, r.RowKey)).ToHashSet(), cancellationToken);
        if (rewritten + removed > 0)
        {
            logger.LogInformation("Repaired the {Source} rows of {Principal} in the representation index: {Rewritten} rewritten, {Removed} removed.",
                source, principal, rewritten, removed);
        }

        return new RepresentedIndexRepair(rewritten, removed);
    }

    /// <summary>Logs a row that cannot be read. Its RowKey holds the principal's full number, so only its id part is logged.</summary>
    public void Skip(TableEntity row, NationalIdentityNumber representative) =>
        logger.LogWarning("Skipped a malformed representation index row {Source}|...{RowKeyEnd} of {Representative}; run the index repair for its principal.",
            row.RowKey.Split('|', 2)[0], row.RowKey.Length > 8 ? row.RowKey[^8..] : string.Empty, representative);
}

/// <summary>What a repair did: rows rewritten (missing or differing) and rows removed (no longer backed by the truth).</summary>
public sealed record RepresentedIndexRepair(int Rewritten, int Removed);
