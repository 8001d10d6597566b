namespace CitizenServices.Domain.Booking;

/// <summary>
/// Slots described the way providers think of them: every day from <see cref="FirstDay"/> to <see cref="LastDay"/>, from
/// <see cref="DailyFrom"/> to <see cref="DailyTo"/> Europe/Oslo wall-clock time, back to back, <see cref="Parallel"/> at
/// each start. Used by providers publishing a schedule and by generated schedules (nettlege video slots).
/// </summary>
public sealed record SlotPlan(
    DateOnly FirstDay, DateOnly LastDay, TimeOnly DailyFrom, TimeOnly DailyTo, TimeSpan Length, SlotChannel Channel, int Parallel = 1)
{
    /// <summary>Days one plan may cover.</summary>
    public const int MaxDays = 62;

    /// <summary>Slots at one start.</summary>
    public const int MaxParallel = 20;

    /// <summary>Rule (policy): slots are published at most this many days ahead, so every date stays far from the calendar's end.</summary>
    public const int PublishingHorizonDays = 730;

    /// <summary>
    /// The slots, each start converted from Oslo wall-clock time to UTC on its own day, so a day after a daylight-saving
    /// change starts at the same local time and an hour earlier or later in UTC. Starts in the spring gap (02:00–02:59
    /// on the last Sunday of March) move forward by the gap; in the autumn overlap the earlier instant is taken and the
    /// repeated hour is not offered twice.
    /// </summary>
    public IReadOnlyList<SlotDraft> Expand()
    {
        var slots = new List<SlotDraft>();
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            var end = NorwegianTime.ToUtc(day, DailyTo);
            var seen = new HashSet<DateTimeOffset>();
            for (var local = DailyFrom; ; local = local.Add(Length))
            {
                var start = NorwegianTime.ToUtc(day, local);
                if (start + Length > end || local < DailyFrom)
                {
                    break;
                }

                if (seen.Add(start))
                {
                    for (var sequence = 0; sequence < Parallel; sequence++)
                    {
                        slots.Add(new SlotDraft(start, Length, Channel, sequence));
                    }
                }

                if (local.Add(Length) <= local)
                {
                    // Wrapped past midnight.
                    break;
                }
            }
        }

        return slots;
    }

    /// <summary>Null when the plan is usable, else (field, reason).</summary>
    public (string Field, string Detail)? Validate() =>
        LastDay < FirstDay ? ("plan.lastDay", "must not be before firstDay.")
        : LastDay.DayNumber - FirstDay.DayNumber >= MaxDays ? ("plan.lastDay", $"a plan covers at most {MaxDays} days.")
        : DailyTo <= DailyFrom ? ("plan.dailyTo", "must be after dailyFrom.")
        : Length < TimeSpan.FromMinutes(5) || Length > TimeSpan.FromHours(4) ? ("plan.lengthMinutes", "must be 5 to 240 minutes.")
        : Parallel is < 1 or > MaxParallel ? ("plan.parallel", $"must be 1 to {MaxParallel}.")
        : null;
}
