namespace CitizenServices.Domain.Booking;

public enum AppointmentStatus
{
    Booked,
    Cancelled,
}

/// <summary>
/// An appointment, stored in the partition of the person it is for (the subject). It names its slot; the person's
/// partition is the truth about which slot an appointment holds, and a slot follows it.
/// </summary>
public sealed record Appointment(
    Guid Id,
    NationalIdentityNumber Subject,
    NationalIdentityNumber BookedBy,
    string ScheduleId,
    ScheduleKind ScheduleKind,
    string SlotId,
    DateTimeOffset Start,
    TimeSpan Length,
    SlotChannel Channel,
    DateTimeOffset CancellableUntil,
    AppointmentStatus Status,
    DateTimeOffset BookedAt,
    DateTimeOffset? RescheduledAt,
    DateTimeOffset? CancelledAt,
    NationalIdentityNumber? CancelledBy,
    DateTimeOffset? ReminderSentAt)
{
    public bool IsActive => Status == AppointmentStatus.Booked;

    /// <summary>True when this appointment is what holds slot <paramref name="slotId"/> of <paramref name="scheduleId"/>.</summary>
    public bool Holds(string scheduleId, string slotId) => IsActive && ScheduleId == scheduleId && SlotId == slotId;

    public bool IsFutureAt(DateTimeOffset now) => IsActive && Start > now;
}

/// <summary>A hold as the person's partition records it: which slot, until when.</summary>
public sealed record Hold(Guid Id, NationalIdentityNumber Subject, string ScheduleId, string SlotId, DateTimeOffset Until, DateTimeOffset CreatedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => Until > now;
}
