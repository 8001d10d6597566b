using System.IO.Compression;
using CitizenServices.Infrastructure.AccessLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenServices.Infrastructure.Backup;

/// <summary>What a restore did and what it found; <see cref="IsComplete"/> only when every check passed.</summary>
public sealed record TableRestoreReport(
    string BackupId, IReadOnlyList<RestoredTable> Tables, int AccessLogChainsVerified, IReadOnlyList<string> Problems)
{
    public bool IsComplete => Problems.Count == 0;
}

/// <summary>A restored table: the rows the manifest promised and the rows written.</summary>
public sealed record RestoredTable(string Name, long ExpectedRows, long RestoredRows, bool ChecksumMatches);

/// <summary>
/// Restores an export (<see cref="TableExporter"/>) into empty tables, normally of a new storage account, and proves the
/// result: every table's row count and checksum against the manifest, and every access-log chain verified, hash by hash,
/// against its head and against the anchors in immutable storage when they are given (docs/deployment.md, "Backup and
/// restore"). It refuses to write into a table that holds any row: a restore never mixes with live data.
/// </summary>
/// <param name="accessLogTable">The table holding the access-log chains (another name only in tests).</param>
public sealed class TableRestorer(ILogger<TableRestorer>? logger = null, string accessLogTable = StorageNames.Tables.AccessLog)
{
    private const int MaxRowsPerTransaction = 100;
    private readonly ILogger _logger = logger ?? NullLogger<TableRestorer>.Instance;

    /// <param name="tablePrefix">
    /// Prepended to every table name: restore beside the live tables of the same account (e.g. "restored"), verify, then
    /// point the app at them; empty for a new account.
    /// </param>
    /// <param name="anchors">The access-log anchors (the source account's immutable container); null to check chains only.</param>
    public async Task<TableRestoreReport> RestoreAsync(
        BlobContainerClient source, string backupId, TableServiceClient target, string tablePrefix, IAccessLogAnchorStore? anchors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tablePrefix);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var manifestBlob = source.GetBlobClient(BackupManifest.BlobName(backupId));
        if (!await manifestBlob.ExistsAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Backup {backupId} has no manifest: the export did not finish and cannot be restored.");
        }

        var manifest = (await manifestBlob.DownloadContentAsync(cancellationToken)).Value.Content.ToObjectFromJson<BackupManifest>()
            ?? throw new InvalidDataException($"The manifest of backup {backupId} is empty.");
        if (manifest.FormatVersion != BackupManifest.CurrentFormatVersion)
        {
            throw new InvalidDataException($"Backup {backupId} has format version {manifest.FormatVersion}, which this version cannot restore.");
        }

        var store = new TableStore(target);
        foreach (var table in manifest.Tables)
        {
            await target.CreateTableIfNotExistsAsync(tablePrefix + table.Name, cancellationToken);
            await foreach (var _ in store.Table(tablePrefix + table.Name).QueryAsync<TableEntity>(filter: null, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                throw new InvalidOperationException($"Table {tablePrefix + table.Name} already holds data; a restore writes only into empty tables.");
            }
        }

        var restored = new List<RestoredTable>();
        var problems = new List<string>();
        var principals = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in manifest.Tables)
        {
            var (rows, sha256) = await RestoreTableAsync(
                source, BackupManifest.TableBlobName(backupId, table.Name), store.Table(tablePrefix + table.Name), table.Name == accessLogTable ? principals : null, cancellationToken);
            var result = new RestoredTable(table.Name, table.Rows, rows, string.Equals(sha256, table.Sha256, StringComparison.Ordinal));
            restored.Add(result);
            if (result.RestoredRows != result.ExpectedRows)
            {
                problems.Add($"Table {table.Name}: {result.RestoredRows} rows restored, the export holds {result.ExpectedRows}.");
            }

            if (!result.ChecksumMatches)
            {
                problems.Add($"Table {table.Name}: the exported rows do not match the checksum in the manifest.");
            }
        }

        var verified = 0;
        if (manifest.Tables.Any(t => t.Name == accessLogTable))
        {
            var accessLog = new TableAccessLog(store.Table(tablePrefix + accessLogTable), TimeProvider.System, NullLogger<TableAccessLog>.Instance, anchors: anchors);
            foreach (var partition in principals)
            {
                if (!NationalIdentityNumber.TryParse(partition, out var principal))
                {
                    problems.Add("Access log: a partition key is not a national identity number; its rows cannot be a chain.");
                    continue;
                }

                var verification = await accessLog.VerifyAsync(principal, cancellationToken);
                verified++;
                problems.AddRange(verification.Problems.Select(p => $"Access log of {principal.Masked}: {p.Kind}: {p.Description}"));
            }
        }

        _logger.LogInformation(
            "Restored backup {BackupId}: {Tables} tables, {Rows} rows, {Chains} access-log chains verified, {Problems} problem(s).",
            backupId, restored.Count, restored.Sum(t => t.RestoredRows), verified, problems.Count);
        return new TableRestoreReport(backupId, restored, verified, problems);
    }

    private static async Task<(long Rows, string Sha256)> RestoreTableAsync(
        BlobContainerClient source, string blobName, BoundedTable table, SortedSet<string>? principals, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        var batch = new List<TableTransactionAction>(MaxRowsPerTransaction);
        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var result = await table.SubmitTransactionAsync(batch, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Restoring table {table.Name} failed ({result.Outcome}); nothing of that batch was written.");
            }

            rows += batch.Count;
            batch.Clear();
        }

        await using var stream = await source.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
            var row = TableRows.FromLine(line);
            if (batch.Count == MaxRowsPerTransaction || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                await FlushAsync();
            }

            // Every partition with any row is verified, so one that lost its head is reported, not skipped.
            principals?.Add(row.PartitionKey);

            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        await FlushAsync();
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
