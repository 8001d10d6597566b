namespace CitizenServices.Domain.Events;

/// <summary>
/// The data of <c>appointment.booked</c>. <see cref="BookedBy"/> is the person who booked (the subject themself or a
/// representative); times are instants (UTC in the message, shown in Europe/Oslo by whoever presents them).
/// </summary>
public sealed record AppointmentBooked(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    NationalIdentityNumber BookedBy,
    string ScheduleId,
    string ScheduleKind,
    string SlotId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Channel) : IValidatedEventData
{
    public string? Validate() => End <= Start ? "end must be after start." : null;
}

/// <summary>The data of <c>appointment.rescheduled</c>: the same appointment moved from one slot to another.</summary>
public sealed record AppointmentRescheduled(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    NationalIdentityNumber RescheduledBy,
    string ScheduleId,
    string FromSlotId,
    DateTimeOffset FromStart,
    string ToSlotId,
    DateTimeOffset ToStart,
    string Channel) : IValidatedEventData
{
    public string? Validate() => FromSlotId == ToSlotId ? "toSlotId must differ from fromSlotId." : null;
}

/// <summary>The data of <c>appointment.cancelled</c>.</summary>
public sealed record AppointmentCancelled(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    NationalIdentityNumber CancelledBy,
    string ScheduleId,
    string SlotId,
    DateTimeOffset Start) : IValidatedEventData
{
    public string? Validate() => null;
}

/// <summary>The data of <c>appointment.reminder-due</c>, emitted once by the housekeeping timer ahead of the start.</summary>
public sealed record AppointmentReminderDue(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    string ScheduleId,
    string SlotId,
    DateTimeOffset Start,
    string Channel) : IValidatedEventData
{
    public string? Validate() => null;
}

/// <summary>
/// The data of <c>nettlege-consultation.completed</c>: a nettlege video consultation was completed by its doctor. It
/// carries no summary: health content stays in table storage, and <c>FastlegeInformer</c> reads it from there for the
/// citizen's regular GP, so no other subscriber of the topic ever sees it.
/// </summary>
public sealed record NettlegeConsultationCompleted(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    string Municipality,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset CompletedAt) : IValidatedEventData
{
    public string? Validate() =>
        End <= Start ? "end must be after start."
        : Municipality is not { Length: 4 } || !Municipality.All(char.IsAsciiDigit) ? "municipality must be four digits."
        : null;
}
