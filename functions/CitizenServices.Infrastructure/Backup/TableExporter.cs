using System.IO.Compression;
using CitizenServices.Infrastructure.AccessLog;

namespace CitizenServices.Infrastructure.Backup;

/// <summary>
/// Exports tables to blobs: one gzipped JSON-lines blob per table and a manifest with each table's row count and checksum
/// (docs/deployment.md, "Backup and restore"). Table Storage has no snapshots, so an export is consistent per row, not
/// across rows, with one exception that matters: an access-log chain is exported whole up to its head (see
/// <see cref="ExportTableAsync"/>), so every exported chain verifies.
/// </summary>
/// <param name="accessLogTable">The table holding the access-log chains (another name only in tests).</param>
public sealed class TableExporter(TableStore tables, TimeProvider time, ILogger<TableExporter> logger, string accessLogTable = StorageNames.Tables.AccessLog)
{
    public async Task<BackupManifest> ExportAsync(
        BlobContainerClient target, IReadOnlyList<string> tableNames, string backupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tableNames);
        var started = time.GetUtcNow();
        var exported = new List<BackupTable>(tableNames.Count);
        foreach (var name in tableNames)
        {
            exported.Add(await ExportTableAsync(target, name, backupId, cancellationToken));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormatVersion, backupId, started, time.GetUtcNow(), exported);
        await target.GetBlobClient(BackupManifest.BlobName(backupId)).UploadAsync(BinaryData.FromObjectAsJson(manifest), overwrite: false, cancellationToken);
        logger.LogInformation("Exported {Tables} tables, {Rows} rows, as backup {BackupId}.", exported.Count, exported.Sum(t => t.Rows), backupId);
        return manifest;
    }

    /// <remarks>
    /// Rows come in partition and row key order, so an access-log partition's entries (newest first) come before its head
    /// row. An append that lands between the two moves the head past the newest exported entry; the missing entries are
    /// then read and written before the head. Entries are never changed once written, so the chain up to that head is
    /// exactly what the table holds.
    /// </remarks>
    private async Task<BackupTable> ExportTableAsync(BlobContainerClient target, string name, string backupId, CancellationToken cancellationToken)
    {
        var table = tables.Table(name);
        var isAccessLog = name == accessLogTable;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        var blob = target.GetBlobClient(BackupManifest.TableBlobName(backupId, name));
        await using (var stream = await blob.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken))
        await using (var gzip = new GZipStream(stream, CompressionLevel.Optimal))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            async Task WriteAsync(TableEntity row)
            {
                var line = TableRows.ToLine(row) + "\n";
                hash.AppendData(Encoding.UTF8.GetBytes(line));
                await writer.WriteAsync(line.AsMemory(), cancellationToken);
                rows++;
            }

            string? partition = null;
            long newestEntry = 0;
            await foreach (var row in table.QueryAsync<TableEntity>(filter: null, cancellationToken: cancellationToken))
            {
                if (isAccessLog)
                {
                    if (row.PartitionKey != partition)
                    {
                        partition = row.PartitionKey;
                        newestEntry = 0;
                    }

                    if (AccessLogRows.TryParseEntryRowKey(row.RowKey, out var sequence))
                    {
                        newestEntry = Math.Max(newestEntry, sequence);
                    }
                    else if (row.RowKey == AccessLogRows.HeadRowKey && AccessLogRows.TryReadHead(row) is { } head && head.Sequence > newestEntry)
                    {
                        var missing = TableClient.CreateQueryFilter(
                            $"PartitionKey eq {row.PartitionKey} and RowKey ge {AccessLogRows.EntryRowKey(head.Sequence)} and RowKey le {AccessLogRows.EntryRowKey(newestEntry + 1)}");
                        await foreach (var entry in table.QueryAsync<TableEntity>(missing, cancellationToken: cancellationToken))
                        {
                            await WriteAsync(entry);
                        }
                    }
                }

                await WriteAsync(row);
            }
        }

        return new BackupTable(name, rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
