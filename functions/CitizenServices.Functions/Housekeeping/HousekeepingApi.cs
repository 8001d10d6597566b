using CitizenServices.Application.Fullmakt.ExpiryNotices;
using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.Fullmakt;

namespace CitizenServices.Functions.Housekeeping;

/// <summary>
/// The housekeeping timer and the jobs it runs. Needs storage, the event stores, booking (<c>AddBooking</c>, for the
/// reminders) and a <see cref="TimeProvider"/>.
/// </summary>
public static class HousekeepingEndpoints
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services)
    {
        services.AddTableFullmaktStore();
        services.AddScoped<SendExpiryNoticesHandler>();
        services.AddInvokedFunction<HousekeepingFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapHousekeeping(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapInvokedFunction<HousekeepingFunction>();
        return endpoints;
    }
}
