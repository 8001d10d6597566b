namespace CitizenServices.Application.Booking;

internal static class AppointmentErrors
{
    /// <summary>Also what a representative gets for an appointment outside their scope, so ids reveal nothing.</summary>
    public static Error NotFound() => Error.NotFound("appointment-not-found", "id", "No such appointment for this person.");
}
