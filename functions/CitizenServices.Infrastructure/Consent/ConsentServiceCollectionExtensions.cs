using CitizenServices.Application.Consent;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenServices.Infrastructure.Consent;

public static class ConsentServiceCollectionExtensions
{
    /// <summary>
    /// The consent catalog from its seed file (section <c>ConsentDefinitions</c>, validated at start-up), the texts in Blob
    /// Storage and the decisions in Table Storage. Needs the storage and event registrations.
    /// </summary>
    public static IServiceCollection AddConsentStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = new ConsentCatalogOptions();
        configuration.GetSection(ConsentCatalogOptions.SectionName).Bind(configured);
        var preload = new PreloadedFile<SeedFileConsentCatalog>(
            string.IsNullOrWhiteSpace(configured.SeedFile) ? null : configured.ResolveSeedFilePath(), SeedFileConsentCatalog.Load);
        services.AddOptions<ConsentCatalogOptions>()
            .Bind(configuration.GetSection(ConsentCatalogOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SeedFile), $"{ConsentCatalogOptions.SectionName}:SeedFile must name the catalog file.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsentCatalogOptions>>(new CatalogFileValidator(preload));
        services.AddSingleton(provider =>
            preload.Get(provider.GetRequiredService<IOptions<ConsentCatalogOptions>>().Value.ResolveSeedFilePath()));
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

    // A broken catalog stops the app at start-up, with every problem named, instead of failing the first request.
    private sealed class CatalogFileValidator(PreloadedFile<SeedFileConsentCatalog> preload) : IValidateOptions<ConsentCatalogOptions>
    {
        public ValidateOptionsResult Validate(string? name, ConsentCatalogOptions options)
        {
            try
            {
                preload.Get(options.ResolveSeedFilePath());
                return ValidateOptionsResult.Success;
            }
            catch (InvalidConsentCatalogException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
