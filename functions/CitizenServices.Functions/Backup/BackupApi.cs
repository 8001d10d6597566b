namespace CitizenServices.Functions.Backup;

/// <summary>The daily table backup (docs/deployment.md, "Backup and restore"); the restore is <see cref="RestoreCommand"/>.</summary>
public static class BackupApi
{
    /// <summary>Needs storage and the access log (<c>AddAccessLog</c>, for the anchors the backup writes).</summary>
    public static IServiceCollection AddBackup(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TableExporter(
            sp.GetRequiredService<TableStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TableExporter>>()));
        services.AddInvokedFunction<TableBackupFunction>();
        return services;
    }
}
