using CitizenServices.Application.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenServices.Infrastructure.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox (<see cref="IEventOutbox"/>, <see cref="TableEventOutbox"/>), the relay
    /// (<see cref="IOutboxRelay"/>), the inbox and the parking lot on the tables of <see cref="StorageNames"/>.
    /// Needs <see cref="StorageServiceCollectionExtensions.AddCitizenServicesStorage"/>.
    /// </summary>
    public static IServiceCollection AddCitizenServicesEventStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TableEventOutbox(
            sp.GetRequiredService<TableStore>(),
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IEventOutbox>(sp => sp.GetRequiredService<TableEventOutbox>());
        services.TryAddSingleton<IOutboxRelay>(sp => new TableOutboxRelay(
            sp.GetRequiredService<TableStore>(),
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value,
            sp.GetRequiredService<ILogger<TableOutboxRelay>>()));
        services.TryAddSingleton<IEventInbox>(sp => new TableEventInbox(
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IParkingLot>(sp => new TableParkingLot(sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox)));
        services.TryAddScoped<NotifyHandler>();
        services.TryAddScoped<ConfirmDeliveryHandler>();
        return services;
    }
}
