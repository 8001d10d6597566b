namespace CitizenServices.Functions.Housekeeping;

/// <summary>
/// The housekeeping timer. Its jobs are the modules' own use cases, so it needs fullmakt (<c>AddFullmakt</c>, the expiry
/// notices), booking (<c>AddBooking</c>, the reminders), nettlege (<c>AddNettlege</c>, the video slots) and authentication
/// (the DPoP replay cache).
/// </summary>
public static class HousekeepingApi
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services)
    {
        services.AddInvokedFunction<HousekeepingFunction>();
        return services;
    }
}
