using CitizenServices.Application.Authorization;
using CitizenServices.Application.CareRelations;
using CitizenServices.Application.CareRelations.Apply;
using CitizenServices.Application.CareRelations.Inbox;
using CitizenServices.Application.CareRelations.Read;
using CitizenServices.Application.CareRelations.RepairIndex;
using CitizenServices.Application.Representation;
using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.CareRelations;

namespace CitizenServices.Functions.CareRelations;

public static class CareRelationServiceCollectionExtensions
{
    /// <summary>
    /// Foster parents as a representation kind (for the policy enforcement point and the listings), the placements the
    /// parents' source consults, the caseworker use cases, the case system's inbox function and the table store. Needs
    /// storage, the population register, the event stores and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddCareRelations(this IServiceCollection services)
    {
        services.AddTableCareRelationStore();
        services.AddScoped<ApplyCareRelationCommandHandler>();
        services.AddScoped<ReceiveCareRelationCommandHandler>();
        services.AddScoped<CareRelationQueries>();
        services.AddScoped<RepairCareRelationIndexHandler>();
        services.AddScoped<IRepresentationIndexRepair>(sp => sp.GetRequiredService<RepairCareRelationIndexHandler>());
        services.AddScoped<FosterCareRepresentationSource>();
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<FosterCareRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<FosterCareRepresentationSource>());
        services.AddScoped<IChildCarePlacements>(sp => sp.GetRequiredService<FosterCareRepresentationSource>());
        services.AddInvokedFunction<CareRelationsInboxFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareRelations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCareRelationsApi();
        endpoints.MapInvokedFunction<CareRelationsInboxFunction>();
        return endpoints;
    }
}
