namespace CitizenServices.Infrastructure.Booking;

public static class BookingServiceCollectionExtensions
{
    /// <summary>The booking stores on their tables. Needs the storage and event registrations; safe to call twice.</summary>
    public static IServiceCollection AddTableBookingStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IScheduleStore>(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableScheduleStore(
                tables.Table(StorageNames.Tables.Schedules), tables.Table(StorageNames.Tables.ScheduleCatalog),
                provider.GetRequiredService<ILogger<TableScheduleStore>>());
        });
        services.TryAddSingleton<IAppointmentStore>(provider => new TableAppointmentStore(
            provider.GetRequiredService<TableStore>().Table(StorageNames.Tables.Appointments),
            provider.GetRequiredService<TableEventOutbox>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
