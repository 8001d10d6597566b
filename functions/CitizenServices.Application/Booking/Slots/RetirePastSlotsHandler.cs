namespace CitizenServices.Application.Booking.Slots;

/// <summary>What one run retired, and whether the per-run limit stopped it (the next run continues).</summary>
public sealed record SlotRetirement(int Retired, bool LimitReached);

/// <summary>
/// The housekeeping step that keeps a schedule's partition from growing without bound: slots that ended more than
/// <see cref="BookingPolicy.RetainPastSlots"/> ago are deleted (one range query per schedule, deletes in transactions of up
/// to 100, each conditional on the ETag read). A past slot can no longer be held, booked, moved to or listed; the
/// appointment that was in it stays in its person's partition, which is the record of it.
/// </summary>
public sealed class RetirePastSlotsHandler(IScheduleStore schedules, BookingPolicy policy, TimeProvider time)
{
    public const int DefaultMaxPerRun = 5000;

    public async Task<SlotRetirement> HandleAsync(int maxPerRun = DefaultMaxPerRun, CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - policy.RetainPastSlots;
        var retired = 0;
        foreach (var schedule in await schedules.ListAsync(null, cancellationToken))
        {
            if (retired >= maxPerRun)
            {
                return new SlotRetirement(retired, LimitReached: true);
            }

            retired += await schedules.RetireSlotsAsync(schedule.Id, before, maxPerRun - retired, cancellationToken);
        }

        return new SlotRetirement(retired, LimitReached: false);
    }
}
