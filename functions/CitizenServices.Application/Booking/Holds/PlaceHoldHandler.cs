namespace CitizenServices.Application.Booking.Holds;

/// <param name="IdempotencyKey">Optional: a retry with the same key answers the first hold instead of placing a second.</param>
public sealed record PlaceHoldRequest(BookingActor Actor, string? ScheduleId, string? SlotId, string? IdempotencyKey = null);

/// <summary>A hold placed; <see cref="Replayed"/> when an Idempotency-Key retry returned the first one.</summary>
public sealed record HoldPlaced(Hold Hold, bool Replayed);

/// <summary>
/// Holds a slot for the subject for <see cref="BookingPolicy.HoldDuration"/>: the person's partition, the schedule and the
/// slot are read together, then the slot is written (conditional, so only one hold or booking wins), then the hold (with
/// its idempotency record when a key came) in the person's partition, where the per-person limit is decided. If the
/// person's commit loses, the slot is released again; if the process stops in between, the slot's hold simply expires.
/// </summary>
public sealed class PlaceHoldHandler(
    IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, IEnumerable<IBookingRule> rules, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<HoldPlaced>> HandleAsync(PlaceHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        var keyId = request.IdempotencyKey is { } key ? new IdempotencyKey("citizen:" + request.Actor.Actor.Value, key).Id : null;
        var hash = IdempotentCreate.RequestHash("hold", subject.Value, request.ScheduleId, request.SlotId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // The person's partition, the schedule and the slot together: one round trip.
            var personRead = appointments.LoadAsync(subject, cancellationToken);
            var lookup = SlotLookup.FindAsync(schedules, slots, rules, request.Actor, request.ScheduleId, request.SlotId, "slotId", cancellationToken);
            await Task.WhenAll(personRead, lookup);
            var person = await personRead;
            if (Replay(person, keyId, hash) is { } replay)
            {
                return replay;
            }

            var now = time.GetUtcNow();
            if (BookingRules.CheckHoldLimit(person.Holds, now, slots.Policy) is { } limit)
            {
                return limit;
            }

            var (_, stored, error) = await lookup;
            if (error is not null)
            {
                return error;
            }

            var slot = stored!.Slot;
            if (!slot.IsAvailableTo(subject, null, now))
            {
                // A twin (same key) may have placed this very hold a moment ago: its hold is what this retry answers.
                if (keyId is not null && slot.Hold is { } other && other.Subject == subject
                    && other.Until - slots.Policy.HoldDuration > now - slots.Policy.IntentTimeout
                    && await IdempotentTwin.WaitAsync(appointments, subject, p => Replay(p, keyId, hash), IdempotentTwin.Wait, cancellationToken) is { } twin)
                {
                    return twin;
                }

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
            var record = keyId is null ? null : new IdempotencyRecord(keyId, hash, hold.Id, now);
            if (await appointments.CommitAsync(new BookingCommit(person, null, hold, expired, record, []), cancellationToken))
            {
                return Result.Ok(new HoldPlaced(hold, Replayed: false));
            }

            await slots.UndoAsync(held, slot, cancellationToken);
        }

        return BookingErrors.ConcurrentChange();
    }

    /// <summary>
    /// The first hold placed with this key. Its record goes when the hold goes (used by a booking or expired and removed),
    /// in the same transaction, so a record always finds its hold; a retry after that places a hold anew.
    /// </summary>
    private static Result<HoldPlaced>? Replay(PersonBookings person, string? keyId, string hash) =>
        IdempotentCreate.Replay(
            person.Idempotency, keyId, hash, id => person.Holds.FirstOrDefault(h => h.Id == id) is { } first ? new HoldPlaced(first, Replayed: true) : null);
}
