using CitizenServices.Application.Authorization;
using CitizenServices.Application.Fullmakt;
using CitizenServices.Application.Fullmakt.End;
using CitizenServices.Application.Fullmakt.Grant;
using CitizenServices.Application.Fullmakt.GrantForPersonLackingCapacity;
using CitizenServices.Application.Fullmakt.List;
using CitizenServices.Application.Fullmakt.RepairIndex;
using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Infrastructure.Fullmakt;

namespace CitizenServices.Functions.Fullmakt;

public static class FullmaktServiceCollectionExtensions
{
    /// <summary>
    /// Fullmakt as a representation kind (for the policy enforcement point and the listings), its use cases and its
    /// table store. Needs storage, the population register and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddFullmakt(this IServiceCollection services)
    {
        services.AddTableFullmaktStore();
        services.AddScoped<FullmaktParties>();
        services.AddScoped<FullmaktLocator>();
        services.AddScoped<GrantFullmaktHandler>();
        services.AddScoped<GrantCapacityFullmaktHandler>();
        services.AddScoped<EndFullmaktHandler>();
        services.AddScoped<ListFullmakterHandler>();
        services.AddScoped<GetFullmaktHandler>();
        services.AddScoped<RepairFullmaktIndexHandler>();
        services.AddScoped<IRepresentationIndexRepair>(sp => sp.GetRequiredService<RepairFullmaktIndexHandler>());
        services.AddScoped<FullmaktRepresentationSource>();
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<FullmaktRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<FullmaktRepresentationSource>());
        return services;
    }
}
