namespace CitizenServices.Infrastructure.Representation;

public static class RepresentedIndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared <see cref="RepresentedIndex"/> (once, however many kinds call this) as itself and as an
    /// <see cref="IRepresentedLookup"/>, and <typeparamref name="TFormat"/> as one of the formats it reads.
    /// </summary>
    public static IServiceCollection AddRepresentedIndexFormat<TFormat>(this IServiceCollection services)
        where TFormat : class, IRepresentedIndexFormat
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRepresentedIndexFormat, TFormat>());
        if (services.Any(d => d.ServiceType == typeof(RepresentedIndex)))
        {
            return services;
        }

        services.AddSingleton(provider => new RepresentedIndex(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.RepresentationsByRepresentative),
            provider.GetServices<IRepresentedIndexFormat>(),
            provider.GetRequiredService<ILogger<RepresentedIndex>>()));
        services.AddSingleton<IRepresentedLookup>(provider => provider.GetRequiredService<RepresentedIndex>());
        return services;
    }
}
