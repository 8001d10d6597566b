namespace CitizenServices.Infrastructure.Consent;

public static class ConsentServiceCollectionExtensions
{
    /// <summary>
    /// The consent catalog from its seed file (section <c>ConsentDefinitions</c>, validated at start-up), the texts in Blob
    /// Storage and the decisions in Table Storage. Needs the storage and event registrations.
    /// </summary>
    public static IServiceCollection AddConsentStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSeedFile<ConsentCatalogOptions, SeedFileConsentCatalog, InvalidConsentCatalogException>(
            configuration, ConsentCatalogOptions.SectionName, SeedFileConsentCatalog.Load);
        services.AddSingleton<IConsentCatalog>(provider => provider.GetRequiredService<SeedFileConsentCatalog>());
        services.AddSingleton<IConsentTexts, BlobConsentTexts>();
        services.AddSingleton<IConsentStore>(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableConsentStore(
                tables.Table(StorageNames.Tables.Consent),
                tables.Table(StorageNames.Tables.ConsentByDefinition),
                provider.GetRequiredService<TableEventOutbox>(),
                provider.GetRequiredService<ILogger<TableConsentStore>>());
        });
        return services;
    }
}
