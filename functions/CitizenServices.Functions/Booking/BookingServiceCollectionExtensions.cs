using CitizenServices.Application.Booking;
using CitizenServices.Application.Booking.Book;
using CitizenServices.Application.Booking.Cancel;
using CitizenServices.Application.Booking.Holds;
using CitizenServices.Application.Booking.List;
using CitizenServices.Application.Booking.Reminders;
using CitizenServices.Application.Booking.Reschedule;
using CitizenServices.Application.Booking.Schedules;
using CitizenServices.Application.Booking.Slots;
using CitizenServices.Domain.Booking;
using CitizenServices.Infrastructure.Booking;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenServices.Functions.Booking;

public static class BookingServiceCollectionExtensions
{
    /// <summary>
    /// Booking: its stores, use cases and policy (configuration section <c>Booking</c>). Needs storage, the event stores
    /// and a <see cref="TimeProvider"/>. Safe to call twice (the housekeeping timer calls it too).
    /// </summary>
    public static IServiceCollection AddBooking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTableBookingStores();
        services.TryAddSingleton(_ =>
        {
            var policy = new BookingPolicy();
            configuration.GetSection(BookingPolicy.SectionName).Bind(policy);
            return policy;
        });
        services.TryAddScoped<SlotCoordinator>();
        services.TryAddScoped<ListSchedulesHandler>();
        services.TryAddScoped<SaveScheduleHandler>();
        services.TryAddScoped<PublishSlotsHandler>();
        services.TryAddScoped<ListFreeSlotsHandler>();
        services.TryAddScoped<PlaceHoldHandler>();
        services.TryAddScoped<BookAppointmentHandler>();
        services.TryAddScoped<ListAppointmentsHandler>();
        services.TryAddScoped<RescheduleAppointmentHandler>();
        services.TryAddScoped<CancelAppointmentHandler>();
        services.TryAddScoped<SendRemindersHandler>();
        return services;
    }
}
