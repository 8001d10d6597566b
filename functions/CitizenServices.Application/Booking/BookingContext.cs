namespace CitizenServices.Application.Booking;

/// <summary>Who acts, for whom, and on what basis (as the policy enforcement point decided it).</summary>
public sealed record BookingActor(NationalIdentityNumber Actor, NationalIdentityNumber Subject, RepresentationBasis Basis)
{
    /// <summary>The same refusal whether the schedule is out of reach or not: the caller learns nothing more.</summary>
    public Error? CheckMayActOn(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return BookingRules.MayActOn(Basis, schedule.Kind) ? null : Error.Forbidden("You may not act for this person in this matter.");
    }
}

/// <summary>
/// Reads a schedule and one of its slots with the errors a request names. The two point reads go out together (one round
/// trip): the slot read is wasted when the schedule is missing or out of reach, which costs nothing the caller sees. A stale
/// intent on the slot is resolved only after the caller passed the schedule's checks.
/// </summary>
internal static class SlotLookup
{
    public static async Task<(Schedule? Schedule, StoredSlot? Slot, Error? Error)> FindAsync(
        IScheduleStore schedules, SlotCoordinator slots, IEnumerable<IBookingRule> rules, BookingActor actor,
        string? scheduleId, string? slotId, string slotField, CancellationToken cancellationToken)
    {
        if (!Schedule.IsValidId(scheduleId))
        {
            return (null, null, Error.NotFound("schedule-not-found", "scheduleId", "No such schedule."));
        }

        var scheduleRead = schedules.FindAsync(scheduleId!, cancellationToken);
        var slotRead = SlotIds.TryParse(slotId, out _, out _)
            ? schedules.FindSlotAsync(scheduleId!, slotId!, cancellationToken)
            : Task.FromResult<StoredSlot?>(null);
        await Task.WhenAll(scheduleRead, slotRead);
        if (await scheduleRead is not { } schedule)
        {
            return (null, null, Error.NotFound("schedule-not-found", "scheduleId", "No such schedule."));
        }

        if (actor.CheckMayActOn(schedule) is { } forbidden)
        {
            return (schedule, null, forbidden);
        }

        foreach (var rule in rules)
        {
            if (await rule.CheckAsync(actor.Subject, schedule, cancellationToken) is { } refused)
            {
                return (schedule, null, refused);
            }
        }

        if (await slotRead is not { } slot)
        {
            return (schedule, null, Error.NotFound("slot-not-found", slotField, "No such slot in this schedule."));
        }

        return (schedule, await slots.ResolveAsync(slot, cancellationToken), null);
    }
}
