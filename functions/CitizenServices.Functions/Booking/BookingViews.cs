using CitizenServices.Application.Booking.Slots;

namespace CitizenServices.Functions.Booking;

/// <summary>A schedule as the API shows it.</summary>
public sealed record ScheduleView(string Id, string Name, string Kind, string Municipality, double CancellationDeadlineHours, IReadOnlyList<string> Channels)
{
    public static ScheduleView From(Schedule s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.Kind.Name(), s.Municipality, s.CancellationDeadline.TotalHours, s.Channels.Select(c => c.Name()).ToList());
    }
}

/// <summary>A free slot. Times are Europe/Oslo with the offset in force on that day (+01:00 winter, +02:00 summer).</summary>
public sealed record SlotView(string ScheduleId, string SlotId, DateTimeOffset Start, DateTimeOffset End, int LengthMinutes, string Channel)
{
    public static SlotView From(Slot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.ScheduleId, s.Id, NorwegianTime.ToOslo(s.Start), NorwegianTime.ToOslo(s.End), (int)s.Length.TotalMinutes, s.Channel.Name());
    }
}

/// <summary>An appointment; every instant in Europe/Oslo time.</summary>
/// <param name="BookedBy">
/// Who booked, as the viewer may see it: the viewer's own number when they booked, <c>self</c> when the subject did, and
/// otherwise only <c>representative</c>. Another representative's identity is never shown: a foster parent's booking must not
/// reveal the foster home to the child's parents, and one parent need not learn the other's number.
/// </param>
public sealed record AppointmentView(
    Guid Id,
    string Subject,
    string BookedBy,
    string ScheduleId,
    string ScheduleKind,
    string SlotId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int LengthMinutes,
    string Channel,
    string Status,
    DateTimeOffset CancellableUntil,
    DateTimeOffset BookedAt,
    DateTimeOffset? RescheduledAt,
    DateTimeOffset? CancelledAt)
{
    public const string BookedBySelf = "self";
    public const string BookedByRepresentative = "representative";

    public static AppointmentView From(Appointment a, NationalIdentityNumber viewer)
    {
        ArgumentNullException.ThrowIfNull(a);
        var bookedBy = a.BookedBy == viewer ? viewer.Value : a.BookedBy == a.Subject ? BookedBySelf : BookedByRepresentative;
        return new(
            a.Id, a.Subject.Value, bookedBy, a.ScheduleId, a.ScheduleKind.Name(), a.SlotId, NorwegianTime.ToOslo(a.Start),
            NorwegianTime.ToOslo(a.Start + a.Length), (int)a.Length.TotalMinutes, a.Channel.Name(),
            a.Status == AppointmentStatus.Booked ? "booked" : "cancelled", NorwegianTime.ToOslo(a.CancellableUntil), NorwegianTime.ToOslo(a.BookedAt),
            a.RescheduledAt is { } moved ? NorwegianTime.ToOslo(moved) : null, a.CancelledAt is { } cancelled ? NorwegianTime.ToOslo(cancelled) : null);
    }
}

public sealed record HoldView(Guid Id, string ScheduleId, string SlotId, DateTimeOffset ExpiresAt)
{
    public static HoldView From(Hold h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(h.Id, h.ScheduleId, h.SlotId, NorwegianTime.ToOslo(h.Until));
    }
}

public sealed record AppointmentListView(IReadOnlyList<AppointmentView> Appointments, IReadOnlyList<HoldView> Holds);

public sealed record ScheduleListView(IReadOnlyList<ScheduleView> Schedules);

public sealed record SlotListView(string ScheduleId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<SlotView> Slots);

public sealed record SlotPublicationView(int Published, int AlreadyPublished);

/// <summary>The body of <c>PUT /api/v1/admin/schedules/{id}</c>.</summary>
/// <param name="Kind"><c>gp</c>, <c>municipal</c>, <c>specialist</c> or <c>nettlege</c> (generated).</param>
/// <param name="CancellationDeadlineHours">Hours before the start a citizen may still cancel or move (default 24).</param>
/// <param name="Channels">One or more of <c>video</c>, <c>in-person</c>, <c>phone</c>.</param>
public sealed record ScheduleBody(
    [property: StringLength(200), FreeText] string Name,
    [property: Vocabulary(Vocabulary.ScheduleKind, CheckedByDomain = true)] string Kind,
    [property: Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true)] string Municipality,
    [property: ItemCount(1, 3, CheckedByDomain = true), Vocabulary(Vocabulary.SlotChannel, CheckedByDomain = true)] IReadOnlyList<string> Channels,
    [property: Between(0, 336, CheckedByDomain = true)] int? CancellationDeadlineHours = null) : IRequestBody;

/// <summary>The body of <c>POST /api/v1/admin/schedules/{id}/slots</c>: explicit slots, a plan, or both.</summary>
public sealed record PublishSlotsBody(
    [property: ItemCount(0, PublishSlotsHandler.MaxSlots)] IReadOnlyList<SlotBody>? Slots = null,
    SlotPlanBody? Plan = null) : IRequestBody;

/// <param name="Start">An instant with its offset, e.g. <c>2026-03-30T08:00:00+02:00</c>.</param>
/// <param name="Sequence">Which of several parallel slots at this start (0-99, default 0).</param>
public sealed record SlotBody(
    DateTimeOffset Start,
    [property: Between(5, 240, CheckedByDomain = true)] int LengthMinutes,
    [property: Vocabulary(Vocabulary.SlotChannel)] string Channel,
    [property: Between(0, 99, CheckedByDomain = true)] int Sequence = 0) : IRequestPart;

/// <summary>Every day from <c>firstDay</c> to <c>lastDay</c>, <c>dailyFrom</c>–<c>dailyTo</c> Europe/Oslo wall-clock time.</summary>
public sealed record SlotPlanBody(
    DateOnly FirstDay,
    DateOnly LastDay,
    [property: Format(RequestPatterns.TimeOfDay, RequestPatterns.TimeOfDayMessage)] string DailyFrom,
    [property: Format(RequestPatterns.TimeOfDay, RequestPatterns.TimeOfDayMessage)] string DailyTo,
    [property: Between(5, 240, CheckedByDomain = true)] int LengthMinutes,
    [property: Vocabulary(Vocabulary.SlotChannel)] string Channel,
    [property: Between(1, SlotPlan.MaxParallel, CheckedByDomain = true)] int Parallel = 1) : IRequestPart;

/// <summary>The body of <c>POST /api/v1/persons/{subject}/holds</c>.</summary>
public sealed record HoldBody(
    [property: Format(RequestPatterns.ScheduleId, RequestPatterns.ScheduleIdMessage, CheckedByDomain = true)] string ScheduleId,
    [property: Format(RequestPatterns.SlotId, RequestPatterns.SlotIdMessage, CheckedByDomain = true)] string SlotId) : IRequestBody;

/// <summary>The body of <c>POST /api/v1/persons/{subject}/appointments</c>: a slot, or a hold of the subject's.</summary>
public sealed record BookBody(
    [property: Format(RequestPatterns.ScheduleId, RequestPatterns.ScheduleIdMessage, CheckedByDomain = true)] string? ScheduleId = null,
    [property: Format(RequestPatterns.SlotId, RequestPatterns.SlotIdMessage, CheckedByDomain = true)] string? SlotId = null,
    Guid? HoldId = null) : IRequestBody;

/// <summary>The body of <c>POST /api/v1/persons/{subject}/appointments/{id}/reschedule</c>: the new slot, same schedule.</summary>
public sealed record RescheduleBody(
    [property: Format(RequestPatterns.SlotId, RequestPatterns.SlotIdMessage, CheckedByDomain = true)] string SlotId) : IRequestBody;
