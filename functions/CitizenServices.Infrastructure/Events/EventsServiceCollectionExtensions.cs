using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace CitizenServices.Infrastructure.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>The connection prefix the Service Bus bindings use; the publisher reads the same settings.</summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>
    /// Registers the outbox (<see cref="IEventOutbox"/>, <see cref="TableEventOutbox"/>), the publisher
    /// (<see cref="IEventPublisher"/>: Service Bus, the LocalHost's stand-in, or none), the dispatch after each commit
    /// (<see cref="OutboxDispatcher"/>, the <see cref="TableStore"/>'s commit observer), the sweep, the inbox and the
    /// parking lot on the tables of <see cref="StorageNames"/>.
    /// Needs <see cref="StorageServiceCollectionExtensions.AddCitizenServicesStorage"/>.
    /// </summary>
    public static IServiceCollection AddCitizenServicesEventStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        services.AddOptions<EventPublisherOptions>().Bind(configuration.GetSection(EventPublisherOptions.SectionName));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TableEventOutbox(
            sp.GetRequiredService<TableStore>(),
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IEventOutbox>(sp => sp.GetRequiredService<TableEventOutbox>());
        services.TryAddSingleton(sp => CreatePublisher(configuration, sp.GetRequiredService<IOptions<EventPublisherOptions>>().Value));
        services.TryAddSingleton(sp => new OutboxPartitionRelay(
            sp.GetRequiredService<TableStore>(),
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending),
            sp.GetRequiredService<IEventPublisher>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value,
            sp.GetRequiredService<ILogger<OutboxPartitionRelay>>()));
        services.TryAddSingleton<ITableCommitObserver>(sp => new OutboxDispatcher(
            sp.GetRequiredService<OutboxPartitionRelay>(),
            sp.GetRequiredService<TableEventOutbox>(),
            sp.GetRequiredService<IEventPublisher>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value,
            sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        services.TryAddSingleton<OutboxMetrics>();
        services.TryAddSingleton<IOutboxSweep>(sp => new TableOutboxSweep(
            sp.GetRequiredService<TableStore>(),
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.OutboxPending),
            sp.GetRequiredService<OutboxPartitionRelay>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value,
            sp.GetRequiredService<OutboxMetrics>(),
            sp.GetRequiredService<ILogger<TableOutboxSweep>>()));
        services.TryAddSingleton<IEventInbox>(sp => new TableEventInbox(
            sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IParkingLot>(sp => new TableParkingLot(sp.GetRequiredService<TableStore>().Table(StorageNames.Tables.Inbox)));
        services.TryAddScoped<NotifyHandler>();
        return services;
    }

    /// <summary>
    /// The stand-in when the LocalHost named one; otherwise Service Bus when <c>ServiceBusConnection__fullyQualifiedNamespace</c>
    /// is set (the setting the bindings use), authenticated as the user-assigned identity in
    /// <c>ServiceBusConnection__clientId</c>; otherwise none, and every event stays in the outbox.
    /// </summary>
    private static IEventPublisher CreatePublisher(IConfiguration configuration, EventPublisherOptions options)
    {
        if (options.LocalBusUri is { } local)
        {
            var baseUri = local.AbsoluteUri.EndsWith('/') ? local : new Uri(local.AbsoluteUri + "/");
            return new LocalBusEventPublisher(new HttpClient(), baseUri, options.Topic);
        }

        var connection = configuration.GetSection(ServiceBusConnection);
        if (connection["fullyQualifiedNamespace"] is { Length: > 0 } fullyQualifiedNamespace)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = connection["clientId"] is { Length: > 0 } clientId ? clientId : null,
            });
            var client = new ServiceBusClient(fullyQualifiedNamespace, credential, new ServiceBusClientOptions
            {
                Identifier = "citizen-services-outbox",
                RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, TryTimeout = TimeSpan.FromSeconds(10) },
            });
            return new ServiceBusEventPublisher(client, options.Topic, ownsClient: true);
        }

        return new UnconfiguredEventPublisher();
    }
}
