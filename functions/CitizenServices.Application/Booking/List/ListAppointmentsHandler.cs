namespace CitizenServices.Application.Booking.List;

/// <summary>The subject's appointments (all, cancelled ones too, by start) and active holds.</summary>
public sealed record AppointmentListing(IReadOnlyList<Appointment> Appointments, IReadOnlyList<Hold> Holds);

/// <summary>
/// Lists what the subject has booked. A representative sees only the appointments their basis reaches: a parent of a
/// 12–15 year old sees GP and municipal appointments, never specialist ones.
/// </summary>
public sealed class ListAppointmentsHandler(IAppointmentStore appointments, TimeProvider time)
{
    public async Task<AppointmentListing> HandleAsync(BookingActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var person = await appointments.LoadAsync(actor.Subject, cancellationToken);
        var now = time.GetUtcNow();
        return new AppointmentListing(
            person.Appointments.Where(a => BookingRules.MayActOn(actor.Basis, a.ScheduleKind)).OrderBy(a => a.Start).ToList(),
            person.Holds.Where(h => h.IsActiveAt(now)).OrderBy(h => h.Until).ToList());
    }
}
