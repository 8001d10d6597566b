using CitizenServices.Domain.Booking;

namespace CitizenServices.Domain.Nettlege;

/// <summary>
/// A municipality's nettlege schedule and its video slots, generated from the pilot configuration: one schedule per
/// municipality (<c>nettlege-{municipality}</c>, kind <see cref="ScheduleKind.Nettlege"/>, channel video), and on every
/// open day, from opening to closing Europe/Oslo wall-clock time, back-to-back slots of the configured length with as
/// many parallel slots at each start as the configured consultations per hour allow.
/// </summary>
public static class NettlegeSchedule
{
    /// <summary>A nettlege consultation is booked for the same day, so it may be cancelled until an hour before.</summary>
    public static readonly TimeSpan CancellationDeadline = TimeSpan.FromHours(1);

    public static string IdFor(string municipality) => "nettlege-" + municipality;

    public static Schedule For(string municipality) =>
        new(IdFor(municipality), $"Nettlege {municipality}", ScheduleKind.Nettlege, municipality, CancellationDeadline, [SlotChannel.Video]);

    /// <summary>True when <paramref name="existing"/> is the generated schedule as this build defines it.</summary>
    public static bool IsCurrent(Schedule existing, string municipality)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var expected = For(municipality);
        return existing with { Channels = expected.Channels } == expected && existing.Channels.SequenceEqual(expected.Channels);
    }

    /// <summary>Parallel slots at each start: consultations per hour spread evenly over the starts of an hour.</summary>
    public static int ParallelSlots(NettlegeSlotPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ConsultationsPerHour / (int)(TimeSpan.FromHours(1) / plan.SlotLength);
    }

    /// <summary>
    /// The slots of the Oslo dates <paramref name="firstDay"/>..<paramref name="lastDay"/>, clipped to the pilot's period;
    /// none when the pilot is disabled. Each day goes through <see cref="SlotPlan"/>, so daylight-saving days are right.
    /// </summary>
    public static IReadOnlyList<SlotDraft> Slots(NettlegeSlotPlan plan, DateOnly firstDay, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var slots = new List<SlotDraft>();
        if (!plan.Enabled)
        {
            return slots;
        }

        var parallel = ParallelSlots(plan);
        var from = firstDay > plan.ValidFrom ? firstDay : plan.ValidFrom;
        var to = lastDay < plan.ValidTo ? lastDay : plan.ValidTo;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (plan.OpeningHours.Days.FirstOrDefault(d => d.Day == day.DayOfWeek) is { } opening)
            {
                slots.AddRange(new SlotPlan(day, day, opening.Opens, opening.Closes, plan.SlotLength, SlotChannel.Video, parallel).Expand());
            }
        }

        return slots;
    }
}
