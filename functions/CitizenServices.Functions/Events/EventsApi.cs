using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.Events;

namespace CitizenServices.Functions.Events;

/// <summary>The outbox sweep and the notifier: stores, handlers and invoked functions.</summary>
public static class EventsEndpoints
{
    public static IServiceCollection AddCitizenServicesEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCitizenServicesEventStores(configuration);
        services.AddInvokedFunction<OutboxSweepFunction>();
        services.AddInvokedFunction<NotifierFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapCitizenServicesEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvokedFunction<OutboxSweepFunction>();
        endpoints.MapInvokedFunction<NotifierFunction>();
        return endpoints;
    }
}
