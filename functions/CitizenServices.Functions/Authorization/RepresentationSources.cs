namespace CitizenServices.Functions.Authorization;

public static class RepresentationSources
{
    /// <summary>
    /// A representation kind: <typeparamref name="TSource"/> (scoped) as itself, as one of the
    /// <see cref="IRepresentationSource"/>s the enforcement point asks, and as one of the
    /// <see cref="IRepresentationDirectory"/>s the listings ask.
    /// </summary>
    public static IServiceCollection AddRepresentationSource<TSource>(
        this IServiceCollection services, Func<IServiceProvider, TSource>? create = null)
        where TSource : class, IRepresentationSource, IRepresentationDirectory
    {
        if (create is null)
        {
            services.AddScoped<TSource>();
        }
        else
        {
            services.AddScoped(create);
        }

        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<TSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<TSource>());
        return services;
    }
}
