namespace CitizenServices.Application.Booking.Slots;

/// <summary>
/// The free slots of a schedule in a period. A slot whose in-flight change has outlived its deadline is resolved here
/// (from the person's partition, behind a fence), so a crashed request never hides a slot for longer than that.
/// </summary>
public sealed class ListFreeSlotsHandler(IScheduleStore schedules, SlotCoordinator slots, TimeProvider time)
{
    /// <summary>The longest period one listing covers.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);

    public async Task<Result<IReadOnlyList<Slot>>> HandleAsync(string scheduleId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (!Schedule.IsValidId(scheduleId) || await schedules.FindAsync(scheduleId, cancellationToken) is null)
        {
            return Error.NotFound("schedule-not-found", "id", "No such schedule.");
        }

        if (to <= from || to - from > MaxPeriod)
        {
            return Error.Invalid("invalid-period", "to", $"'to' must be after 'from', at most {MaxPeriod.TotalDays} days later.");
        }

        var now = time.GetUtcNow();
        var free = new List<Slot>();
        foreach (var stored in await schedules.ListSlotsAsync(scheduleId, from, to, cancellationToken))
        {
            var slot = stored.Slot.HasStaleIntent(now) ? (await slots.ResolveAsync(stored, cancellationToken)).Slot : stored.Slot;
            if (slot.IsFree(now))
            {
                free.Add(slot);
            }
        }

        return Result.Ok<IReadOnlyList<Slot>>(free);
    }
}
