namespace CitizenServices.Functions.Backup;

/// <summary>
/// Timer (daily, <c>functions/definitions/TableBackup</c>): exports every table to the <c>backups</c> container
/// (docs/deployment.md, "Backup and restore"), then anchors every access-log chain head, so each day at least one anchor
/// per active chain exists even when hourly runs were missed. A fault fails the invocation; the host retries it.
/// </summary>
public sealed class TableBackupFunction(
    TableExporter exporter, AccessLogAnchoring anchoring, StorageClients storage, StorageCatalog catalog, TimeProvider time,
    ILogger<TableBackupFunction> logger) : IInvokedFunction
{
    public static string Name => "TableBackup";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Sortable and unique per run: the manifest is written with If-None-Match, so a retried run gets its own id.
        var backupId = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var container = storage.Blobs.GetBlobContainerClient(StorageNames.Containers.Backups);
        var manifest = await exporter.ExportAsync(container, catalog.Tables, backupId, cancellationToken);
        var run = await anchoring.AnchorAsync(changedSince: null, cancellationToken);
        logger.LogInformation(
            "Backup {BackupId}: {Rows} rows in {Tables} tables; access-log heads: {Anchored} anchored, {Already} already anchored, {Unreadable} unreadable.",
            backupId, manifest.Tables.Sum(t => t.Rows), manifest.Tables.Count, run.Anchored, run.AlreadyAnchored, run.Unreadable);
        return new InvocationResponse();
    }
}
