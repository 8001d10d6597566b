namespace CitizenServices.Application.Booking.Holds;

public sealed record PlaceHoldRequest(BookingActor Actor, string? ScheduleId, string? SlotId);

/// <summary>
/// Holds a slot for the subject for <see cref="BookingPolicy.HoldDuration"/>: the slot first (conditional write, so only
/// one hold or booking wins), then the hold in the person's partition, where the per-person limit is decided. If the
/// person's commit loses, the slot is released again; if the process stops in between, the slot's hold simply expires.
/// </summary>
public sealed class PlaceHoldHandler(
    IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, IEnumerable<IBookingRule> rules, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<Hold>> HandleAsync(PlaceHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var person = await appointments.LoadAsync(subject, cancellationToken);
            var now = time.GetUtcNow();
            if (BookingRules.CheckHoldLimit(person.Holds, now, slots.Policy) is { } limit)
            {
                return limit;
            }

            var (_, stored, error) = await SlotLookup.FindAsync(
                schedules, slots, rules, request.Actor, request.ScheduleId, request.SlotId, "slotId", cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var slot = stored!.Slot;
            if (!slot.IsAvailableTo(subject, null, now))
            {
                return slot.Start <= now
                    ? Error.Invalid("slot-in-past", "slotId", "This slot has already started.")
                    : BookingErrors.SlotTaken("slotId");
            }

            var hold = new Hold(Guid.CreateVersion7(now), subject, slot.ScheduleId, slot.Id, now + slots.Policy.HoldDuration, now);
            if (await schedules.ReplaceSlotAsync(stored, slot.Held(new SlotHold(hold.Id, subject, hold.Until)), cancellationToken) is not { } held)
            {
                continue;
            }

            var expired = person.Holds.Where(h => !h.IsActiveAt(now)).Select(h => h.Id).ToList();
            if (await appointments.CommitAsync(new BookingCommit(person, null, hold, expired, null, []), cancellationToken))
            {
                return Result.Ok(hold);
            }

            await slots.UndoAsync(held, slot, cancellationToken);
        }

        return BookingErrors.ConcurrentChange();
    }
}
