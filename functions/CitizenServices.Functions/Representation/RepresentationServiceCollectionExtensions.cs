using CitizenServices.Application.Authorization;
using CitizenServices.Application.Representation;
using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Functions.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenServices.Functions.Representation;

public static class RepresentationServiceCollectionExtensions
{
    /// <summary>
    /// Parents as a representation kind (for the enforcement point and for the listings), and the listing service
    /// that reads every <see cref="IRepresentedLookup"/> and <see cref="IRepresentationDirectory"/> registered, by this or
    /// by the stored kinds (which share one <see cref="IRepresentedLookup"/>, the index by representative).
    /// </summary>
    public static IServiceCollection AddRepresentation(this IServiceCollection services)
    {
        services.AddScoped(sp => new ParentRepresentationSource(
            sp.GetRequiredService<ISubjectRecords>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<IRepresentedLookup>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<RepresentationListing>();
        services.AddScoped<RepairRepresentationIndexHandler>();
        services.TryAddSingleton<SectorAccessLog>();
        return services;
    }
}
