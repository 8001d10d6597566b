using CitizenServices.Application.Authorization;
using CitizenServices.Application.Representation;

namespace CitizenServices.Functions.Representation;

public static class RepresentationServiceCollectionExtensions
{
    /// <summary>
    /// Parents as a representation kind (for the enforcement point and for the listings), and the listing service
    /// that reads every <see cref="IRepresentationDirectory"/> registered, by this or by later kinds.
    /// </summary>
    public static IServiceCollection AddRepresentation(this IServiceCollection services)
    {
        services.AddScoped<ParentRepresentationSource>();
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<RepresentationListing>();
        return services;
    }
}
