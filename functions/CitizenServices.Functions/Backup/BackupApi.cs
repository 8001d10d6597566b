using System.Globalization;
using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.AccessLog;
using CitizenServices.Infrastructure.Backup;
using CitizenServices.Infrastructure.Storage;

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
    public const string FunctionName = "TableBackup";

    public static string Name => FunctionName;

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

/// <summary>
/// Timer (hourly, <c>functions/definitions/AccessLogAnchor</c>): anchors the heads of the access-log chains that changed
/// since the previous run (with ten minutes' overlap for clock skew), so a rewrite of the table is caught from the next
/// hour on.
/// </summary>
public sealed class AccessLogAnchorFunction(AccessLogAnchoring anchoring, TimeProvider time, ILogger<AccessLogAnchorFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "AccessLogAnchor";
    public const string TimerBinding = "timer";

    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer(TimerBinding);
        var previous = timer.ScheduleStatus?.Last ?? time.GetUtcNow().AddHours(-1);
        var run = await anchoring.AnchorAsync(previous - Overlap, cancellationToken);
        if (run.Heads > 0)
        {
            logger.LogInformation(
                "Access-log anchors: {Anchored} written, {Already} already anchored, {Unreadable} unreadable heads.",
                run.Anchored, run.AlreadyAnchored, run.Unreadable);
        }

        return new InvocationResponse();
    }
}

public static class BackupEndpoints
{
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TableExporter(
            sp.GetRequiredService<TableStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TableExporter>>()));
        services.AddInvokedFunction<TableBackupFunction>();
        services.AddInvokedFunction<AccessLogAnchorFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapBackup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvokedFunction<TableBackupFunction>();
        endpoints.MapInvokedFunction<AccessLogAnchorFunction>();
        return endpoints;
    }
}
