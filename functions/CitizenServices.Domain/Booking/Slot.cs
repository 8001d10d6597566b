namespace CitizenServices.Domain.Booking;

/// <summary>
/// A slot's id within its schedule: the start in UTC to the minute and a sequence number for parallel slots at the same
/// start (several clinicians), e.g. <c>20261201T0800Z-00</c>. It sorts by start, and publishing the same slot twice
/// gives the same id, so publication is idempotent.
/// </summary>
public static class SlotIds
{
    private const string Format = "yyyyMMdd'T'HHmm'Z'";

    public static string For(DateTimeOffset startUtc, int sequence) =>
        startUtc.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture) + "-" + sequence.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The lowest id any slot starting at or after <paramref name="instant"/> (to the minute) can have.</summary>
    public static string LowerBound(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? id, out DateTimeOffset startUtc, out int sequence)
    {
        startUtc = default;
        sequence = 0;
        if (id is not { Length: 17 } || id[14] != '-'
            || !DateTime.TryParseExact(id[..14], Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            || !int.TryParse(id[15..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
        {
            return false;
        }

        startUtc = new DateTimeOffset(start, TimeSpan.Zero);
        return true;
    }
}

/// <summary>A slot to publish: start (an instant), length and channel, and which of the parallel slots at that start it is.</summary>
public sealed record SlotDraft(DateTimeOffset Start, TimeSpan Length, SlotChannel Channel, int Sequence = 0)
{
    public string Id => SlotIds.For(Start, Sequence);
}

/// <summary>
/// A change to a slot that is under way across the slot's and the person's partitions: the slot will end up booked by
/// <see cref="AppointmentId"/> if, and only if, the person's partition says that appointment is active at this slot.
/// Used both to claim a slot (booking, moving in) and to release it (cancelling, moving out).
/// </summary>
public sealed record SlotIntent(Guid AppointmentId, NationalIdentityNumber Subject, DateTimeOffset Until, string? IdempotencyKeyId);

/// <summary>A slot that blocks others for a short time while a citizen finishes booking.</summary>
public sealed record SlotHold(Guid HoldId, NationalIdentityNumber Subject, DateTimeOffset Until);

/// <summary>
/// A slot as stored in its schedule's partition. It is free, held, booked (<see cref="AppointmentId"/>), and may carry an
/// <see cref="Intent"/> while a booking, move or cancellation is in flight.
/// </summary>
public sealed record Slot(
    string ScheduleId,
    string Id,
    DateTimeOffset Start,
    TimeSpan Length,
    SlotChannel Channel,
    SlotHold? Hold,
    Guid? AppointmentId,
    NationalIdentityNumber? BookedFor,
    SlotIntent? Intent,
    DateTimeOffset? ReminderSentAt)
{
    public DateTimeOffset End => Start + Length;

    /// <summary>The start as people read it: Europe/Oslo, with the offset in force on that day.</summary>
    public DateTimeOffset StartInOslo => NorwegianTime.ToOslo(Start);

    public bool IsBooked => AppointmentId is not null;

    /// <summary>An intent whose deadline has passed: its owner is gone or slow, and the slot must be resolved before use.</summary>
    public bool HasStaleIntent(DateTimeOffset now) => Intent is { } intent && intent.Until <= now;

    /// <summary>
    /// Rule: a slot can be taken by <paramref name="subject"/> when nobody has booked it, no change is in flight, and it
    /// is not held by anyone else (a hold blocks others until it is used or expires). Pass the subject's own hold to use it.
    /// </summary>
    public bool IsAvailableTo(NationalIdentityNumber subject, Guid? holdId, DateTimeOffset now) =>
        AppointmentId is null
        && Intent is null
        && Start > now
        && (Hold is null || Hold.Until <= now || (Hold.HoldId == holdId && Hold.Subject == subject));

    /// <summary>Free for anyone now: what the list of free slots shows. A stale intent is resolved before this is asked.</summary>
    public bool IsFree(DateTimeOffset now) =>
        AppointmentId is null && Intent is null && Start > now && (Hold is null || Hold.Until <= now);

    public Slot Claimed(SlotIntent intent) => this with { Intent = intent };

    public Slot Held(SlotHold hold) => this with { Hold = hold };

    public Slot BookedBy(Guid appointmentId, NationalIdentityNumber subject) =>
        this with { AppointmentId = appointmentId, BookedFor = subject, Intent = null, Hold = null };

    public Slot Released() => this with { AppointmentId = null, BookedFor = null, Intent = null, Hold = null, ReminderSentAt = null };
}
