namespace CitizenServices.Application.Booking.Book;

/// <summary>Book a slot (or the slot of one's hold) for the subject. The Idempotency-Key is required.</summary>
public sealed record BookAppointmentRequest(BookingActor Actor, string? ScheduleId, string? SlotId, Guid? HoldId, string IdempotencyKey);

/// <summary>A booked appointment; <see cref="Replayed"/> when an Idempotency-Key retry returned the first result.</summary>
public sealed record AppointmentCreated(Appointment Appointment, bool Replayed);

/// <summary>
/// Books a slot: the person's limits are checked on their partition, the slot is claimed with a conditional write (the
/// loser of a race gets 409 <c>slot-taken</c>), the appointment with its idempotency record and event is committed in the
/// person's partition, and the slot is settled as booked; if the commit loses, the claim is undone and the whole
/// decision is taken again on fresh data (see <see cref="SlotCoordinator"/>).
/// </summary>
public sealed class BookAppointmentHandler(
    IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, IEnumerable<IBookingRule> rules, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<AppointmentCreated>> HandleAsync(BookAppointmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        var keyId = new IdempotencyKey("citizen:" + request.Actor.Actor.Value, request.IdempotencyKey).Id;
        var hash = IdempotentCreate.RequestHash("book", subject.Value, request.ScheduleId, request.SlotId, request.HoldId?.ToString("N"));
        EventsAnnounced? announced = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // The person's partition, the schedule and the slot are read together: one round trip. A booking from a hold
            // learns its slot from the person's partition, so it reads the schedule and slot after it.
            var personRead = appointments.LoadAsync(subject, cancellationToken);
            var lookup = request.HoldId is null
                ? SlotLookup.FindAsync(schedules, slots, rules, request.Actor, request.ScheduleId, request.SlotId, "slotId", cancellationToken)
                : null;
            if (lookup is not null)
            {
                await Task.WhenAll(personRead, lookup);
            }

            var person = await personRead;
            var found = lookup is null ? default : await lookup;
            if (Replay(person, keyId, hash) is { } replay)
            {
                return replay;
            }

            var now = time.GetUtcNow();
            if (BookingRules.CheckAppointmentLimit(person.Appointments, now, slots.Policy) is { } limit)
            {
                return limit;
            }

            var slotField = "slotId";
            if (request.HoldId is { } holdId)
            {
                if (person.Holds.FirstOrDefault(h => h.Id == holdId && h.IsActiveAt(now)) is not { } hold)
                {
                    return Error.Conflict("hold-not-active", "holdId", "This hold has expired or does not exist; hold or book a slot again.");
                }

                slotField = "holdId";
                found = await SlotLookup.FindAsync(schedules, slots, rules, request.Actor, hold.ScheduleId, hold.SlotId, slotField, cancellationToken);
            }

            var (schedule, stored, error) = found;
            if (error is not null)
            {
                return error;
            }

            var slot = stored!.Slot;
            if (!slot.IsAvailableTo(subject, request.HoldId, now))
            {
                // Our own twin (same key) may hold the slot, in flight or just booked: its result is what this retry returns.
                if (IdempotentTwin.WaitFor(slot, keyId, settledByTwin: slot.BookedFor == subject) is { } wait && await IdempotentTwin.WaitAsync(appointments, subject, p => Replay(p, keyId, hash), wait, cancellationToken) is { } twin)
                {
                    return twin;
                }

                return slot.Start <= now
                    ? Error.Invalid("slot-in-past", slotField, "This slot has already started.")
                    : BookingErrors.SlotTaken(slotField);
            }

            var appointment = new Appointment(
                Guid.CreateVersion7(now), subject, request.Actor.Actor, schedule!.Id, schedule.Kind, slot.Id, slot.Start, slot.Length, slot.Channel,
                BookingRules.CancellableUntil(slot.Start, schedule), AppointmentStatus.Booked, now, null, null, null, null);
            // The outbox's index entry goes out with the claim: one round trip for both (it is harmless if the claim loses).
            var announce = announced is null ? appointments.AnnounceEventsAsync(subject, cancellationToken) : Task.FromResult(announced);
            var claim = slots.MarkAsync(stored, appointment.Id, subject, keyId, cancellationToken);
            await Task.WhenAll(announce, claim);
            announced = await announce;
            if (await claim is not { } marked)
            {
                // Someone changed the slot between our read and our write: decide again on what is there now.
                continue;
            }

            var usedHolds = person.Holds.Where(h => h.Id == request.HoldId || !h.IsActiveAt(now)).Select(h => h.Id).ToList();
            var record = new IdempotencyRecord(keyId, hash, appointment.Id, now);
            if (await appointments.CommitAsync(
                    new BookingCommit(person, appointment, null, usedHolds, record, [AppointmentEvents.Booked(appointment)], announced), cancellationToken))
            {
                await slots.SettleAsync(marked, marked.Slot.BookedBy(appointment.Id, subject), cancellationToken);
                return Result.Ok(new AppointmentCreated(appointment, Replayed: false));
            }

            await slots.UndoAsync(marked, slot, cancellationToken);
        }

        return BookingErrors.ConcurrentChange();
    }

    private static Result<AppointmentCreated>? Replay(PersonBookings person, string keyId, string hash) =>
        IdempotentCreate.Replay(
            person.Idempotency, keyId, hash, id => person.Find(id) is { } first ? new AppointmentCreated(first, Replayed: true) : null);
}
