using CitizenServices.Infrastructure.Events;

namespace CitizenServices.Functions.Events;

/// <summary>The events module: the outbox, the publisher and the consumers' stores, and its invoked functions.</summary>
public static class EventsApi
{
    public static IServiceCollection AddCitizenServicesEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCitizenServicesEventStores(configuration);
        services.AddInvokedFunction<OutboxSweepFunction>();
        services.AddInvokedFunction<NotifierFunction>();
        return services;
    }
}
