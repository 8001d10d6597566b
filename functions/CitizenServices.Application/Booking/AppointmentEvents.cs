namespace CitizenServices.Application.Booking;

/// <summary>Which events a booking change emits (notified to the subject, and to the representative who acted).</summary>
public static class AppointmentEvents
{
    public static AppointmentEvent Booked(Appointment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(EventTypes.AppointmentBooked, a.Subject, a.BookedAt, new AppointmentBooked(
            a.Id, a.Subject, a.BookedBy, a.ScheduleId, a.ScheduleKind.Name(), a.SlotId, a.Start, a.Start + a.Length, a.Channel.Name()));
    }

    public static AppointmentEvent Rescheduled(Appointment before, Appointment after, NationalIdentityNumber actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new(EventTypes.AppointmentRescheduled, after.Subject, at, new AppointmentRescheduled(
            after.Id, after.Subject, actor, after.ScheduleId, before.SlotId, before.Start, after.SlotId, after.Start, after.Channel.Name()));
    }

    public static AppointmentEvent Cancelled(Appointment a, NationalIdentityNumber actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(EventTypes.AppointmentCancelled, a.Subject, at, new AppointmentCancelled(a.Id, a.Subject, actor, a.ScheduleId, a.SlotId, a.Start));
    }

    public static AppointmentEvent ReminderDue(Appointment a, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(EventTypes.AppointmentReminderDue, a.Subject, at, new AppointmentReminderDue(a.Id, a.Subject, a.ScheduleId, a.SlotId, a.Start, a.Channel.Name()));
    }
}
