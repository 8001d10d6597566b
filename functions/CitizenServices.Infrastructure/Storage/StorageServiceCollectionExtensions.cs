namespace CitizenServices.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section <c>Storage</c>, validated at startup), <see cref="StorageClients"/>,
    /// <see cref="TableStore"/>, <see cref="StorageHealthProbe"/>, the <see cref="StorageCatalog"/> and the
    /// <see cref="StorageBootstrapper"/>. Call it before registering hosted services that use storage, so the
    /// resources exist before they start.
    /// </summary>
    public static IServiceCollection AddCitizenServicesStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(StorageNames.Catalog);
        services.TryAddSingleton<StorageClients>();
        services.TryAddSingleton(sp => new TableStore(sp.GetRequiredService<StorageClients>().Tables, sp.GetService<ITableCommitObserver>));
        services.TryAddSingleton(sp => new StorageHealthProbe(sp.GetRequiredService<StorageClients>()));
        services.AddHostedService(sp => new StorageBootstrapper(
            sp.GetRequiredService<StorageClients>, sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<StorageCatalog>(),
            sp.GetRequiredService<ILogger<StorageBootstrapper>>()));
        return services;
    }
}
