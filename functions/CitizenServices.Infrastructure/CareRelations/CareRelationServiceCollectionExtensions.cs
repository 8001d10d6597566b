using CitizenServices.Application.CareRelations;

namespace CitizenServices.Infrastructure.CareRelations;

public static class CareRelationServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TableCareRelationStore"/> as <see cref="ICareRelationStore"/>. Needs storage and the event stores.</summary>
    public static IServiceCollection AddTableCareRelationStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRepresentedIndexFormat<CareRelationIndexFormat>();
        services.TryAddSingleton<ICareRelationStore>(provider => new TableCareRelationStore(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.CareRelation),
            provider.GetRequiredService<RepresentedIndex>(),
            provider.GetRequiredService<TableEventOutbox>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<TableCareRelationStore>>()));
        return services;
    }
}
