using CitizenServices.Application.Authorization;
using CitizenServices.Application.Guardianship;
using CitizenServices.Application.Guardianship.Apply;
using CitizenServices.Application.Guardianship.RepairIndex;
using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.Guardianships;

namespace CitizenServices.Functions.Guardianship;

public static class GuardianshipServiceCollectionExtensions
{
    /// <summary>
    /// Guardians as a representation kind (for the policy enforcement point and the listings), the feed's inbox
    /// function and the table store. Needs storage, the event stores (outbox, parking lot) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddGuardianship(this IServiceCollection services)
    {
        services.AddTableGuardianshipStore();
        services.AddScoped<ApplyGuardianshipChangeHandler>();
        services.AddScoped<RepairGuardianshipIndexHandler>();
        services.AddScoped<IRepresentationIndexRepair>(sp => sp.GetRequiredService<RepairGuardianshipIndexHandler>());
        services.AddScoped<GuardianRepresentationSource>();
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<GuardianRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<GuardianRepresentationSource>());
        services.AddInvokedFunction<GuardianshipInboxFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapGuardianship(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvokedFunction<GuardianshipInboxFunction>();
        return endpoints;
    }
}
