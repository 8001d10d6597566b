namespace CitizenServices.Domain.Booking;

/// <summary>Policy values of booking (configuration section <c>Booking</c>; these are the defaults).</summary>
public sealed class BookingPolicy
{
    public const string SectionName = "Booking";

    /// <summary>How long a hold blocks a slot for others.</summary>
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Active holds one person may have at once.</summary>
    public int MaxActiveHolds { get; set; } = 2;

    /// <summary>Future appointments one person may have at once.</summary>
    public int MaxFutureAppointments { get; set; } = 4;

    /// <summary>
    /// How long an in-flight change may keep a slot undecided before anyone who meets it resolves it from the person's
    /// partition. Far above a request's duration; short enough that a crashed request does not hide a slot for long.
    /// </summary>
    public TimeSpan IntentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reminders are due this long before the start.</summary>
    public TimeSpan ReminderAhead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a slot is kept after it ended before housekeeping deletes it from the schedule's partition.</summary>
    public TimeSpan RetainPastSlots { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>The booking rules (domain rules, "Appointment booking"), as pure functions.</summary>
public static class BookingRules
{
    /// <summary>
    /// Rule: booking for someone else needs a representation covering appointments; for a child of 12–15 (whose parents
    /// hold only <see cref="RepresentationScopes.AppointmentsPrimaryCare"/>) GP and municipal schedules only. The person
    /// themself may book anything.
    /// </summary>
    public static bool MayActOn(RepresentationBasis basis, ScheduleKind kind)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis.Kind == BasisKind.Self
            || basis.Scopes.Contains(Scope.Appointments)
            || (kind is ScheduleKind.Gp or ScheduleKind.Municipal or ScheduleKind.Nettlege && basis.Scopes.Contains(RepresentationScopes.AppointmentsPrimaryCare));
    }

    /// <summary>The last instant a citizen may cancel or move an appointment: the schedule's deadline before the start.</summary>
    public static DateTimeOffset CancellableUntil(DateTimeOffset start, Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return start - schedule.CancellationDeadline;
    }

    /// <summary>Rule: cancel (or move) until the deadline; after it only the provider can mark the appointment.</summary>
    public static Error? CheckCancellable(Appointment appointment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return now <= appointment.CancellableUntil
            ? null
            : Error.Invalid("cancellation-deadline-passed", "id",
                "The deadline for cancelling or moving this appointment has passed; contact the provider.");
    }

    /// <summary>Rule: a limit on future appointments per person, so one person cannot take every slot.</summary>
    public static Error? CheckAppointmentLimit(IEnumerable<Appointment> appointments, DateTimeOffset now, BookingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(appointments);
        ArgumentNullException.ThrowIfNull(policy);
        return appointments.Count(a => a.IsFutureAt(now)) >= policy.MaxFutureAppointments
            ? Error.Conflict("appointment-limit-reached", null,
                $"This person already has {policy.MaxFutureAppointments} future appointments; cancel one before booking another.")
            : null;
    }

    /// <summary>Rule: a limit on active holds per person.</summary>
    public static Error? CheckHoldLimit(IEnumerable<Hold> holds, DateTimeOffset now, BookingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(holds);
        ArgumentNullException.ThrowIfNull(policy);
        return holds.Count(h => h.IsActiveAt(now)) >= policy.MaxActiveHolds
            ? Error.Conflict("hold-limit-reached", null,
                $"This person already holds {policy.MaxActiveHolds} slots; book or let one expire first.")
            : null;
    }

    /// <summary>Rule: a reminder is due from <see cref="BookingPolicy.ReminderAhead"/> before the start, once, while the appointment is active and ahead.</summary>
    public static bool IsReminderDue(Appointment appointment, DateTimeOffset now, BookingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(policy);
        return appointment.IsActive && appointment.ReminderSentAt is null && appointment.Start > now && appointment.Start - now <= policy.ReminderAhead;
    }
}
