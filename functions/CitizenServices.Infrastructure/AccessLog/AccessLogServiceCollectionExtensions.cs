namespace CitizenServices.Infrastructure.AccessLog;

public static class AccessLogServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TableAccessLog"/> as <see cref="IAccessLog"/> on the <c>accesslog</c> table. Needs
    /// <see cref="StorageServiceCollectionExtensions.AddCitizenServicesStorage"/> (for <see cref="TableStore"/>) and
    /// logging; uses the registered <see cref="TimeProvider"/>, or the system clock when there is none.
    /// </summary>
    public static IServiceCollection AddTableAccessLog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccessLogAnchorStore>(provider => new BlobAccessLogAnchorStore(
            provider.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.AccessLogAnchors),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new TableAccessLog(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.AccessLog),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<TableAccessLog>>(),
            anchors: provider.GetRequiredService<IAccessLogAnchorStore>()));
        services.TryAddSingleton<IAccessLog>(provider => provider.GetRequiredService<TableAccessLog>());
        services.TryAddSingleton(provider => new AccessLogAnchoring(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.AccessLog),
            provider.GetRequiredService<IAccessLogAnchorStore>(),
            provider.GetRequiredService<ILogger<AccessLogAnchoring>>()));
        return services;
    }
}
