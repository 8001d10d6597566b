using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.Events;

namespace CitizenServices.Functions.Events;

/// <summary>The outbox relay, its confirmation and the notifier: stores, handlers and invoked functions.</summary>
public static class EventsEndpoints
{
    public static IServiceCollection AddCitizenServicesEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCitizenServicesEventStores(configuration);
        services.AddInvokedFunction<OutboxRelayFunction>();
        services.AddInvokedFunction<OutboxConfirmFunction>();
        services.AddInvokedFunction<NotifierFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapCitizenServicesEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvokedFunction<OutboxRelayFunction>();
        endpoints.MapInvokedFunction<OutboxConfirmFunction>();
        endpoints.MapInvokedFunction<NotifierFunction>();
        return endpoints;
    }
}
