namespace CitizenServices.Infrastructure.Fullmakt;

public static class FullmaktServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TableFullmaktStore"/> on the fullmakt tables and the shared representation index as <see cref="IFullmaktStore"/> and
    /// <see cref="IFullmaktExpiryNoticeStore"/> (one instance). Needs the storage and event registrations; safe to call twice.
    /// </summary>
    public static IServiceCollection AddTableFullmaktStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRepresentedIndexFormat<FullmaktIndexFormat>();
        services.TryAddSingleton(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableFullmaktStore(
                tables.Table(StorageNames.Tables.Fullmakt),
                provider.GetRequiredService<RepresentedIndex>(),
                tables.Table(StorageNames.Tables.FullmaktExpiry),
                provider.GetRequiredService<TableEventOutbox>(),
                provider.GetRequiredService<ILogger<TableFullmaktStore>>());
        });
        services.TryAddSingleton<IFullmaktStore>(provider => provider.GetRequiredService<TableFullmaktStore>());
        services.TryAddSingleton<IFullmaktExpiryNoticeStore>(provider => provider.GetRequiredService<TableFullmaktStore>());
        return services;
    }
}
