namespace CitizenServices.Application.Booking.Reschedule;

/// <summary>Move an appointment to another slot of the same schedule.</summary>
/// <param name="IdempotencyKey">Optional: a retry with the same key answers the moved appointment instead of 422 <c>same-slot</c>.</param>
public sealed record RescheduleAppointmentRequest(BookingActor Actor, Guid AppointmentId, string? SlotId, string? IdempotencyKey = null);

/// <summary>
/// Rule: the new slot first, then release the old. The person's partition is read, then the schedule, the new slot and the
/// old slot together; both slots get their intent in one transaction (they share the schedule's partition, so the claim of
/// the new and the release mark of the old are all or nothing, and a taken new slot is 409 with the appointment untouched);
/// the appointment is moved in one transaction with its event (and the key's record); both slots are settled in one
/// transaction. A lost commit undoes both intents and decides again.
/// </summary>
public sealed class RescheduleAppointmentHandler(
    IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, IEnumerable<IBookingRule> rules, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<AppointmentMoved>> HandleAsync(RescheduleAppointmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        var keyId = request.IdempotencyKey is { } key ? new IdempotencyKey("citizen:" + request.Actor.Actor.Value, key).Id : null;
        var hash = IdempotentCreate.RequestHash("reschedule", subject.Value, request.AppointmentId.ToString("N"), request.SlotId);
        EventsAnnounced? announced = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var person = await appointments.LoadAsync(subject, cancellationToken);
            if (Replay(person, keyId, hash) is { } replay)
            {
                return replay;
            }

            var now = time.GetUtcNow();
            if (person.Find(request.AppointmentId) is not { IsActive: true } current)
            {
                return AppointmentErrors.NotFound();
            }

            // The new slot (with its schedule) and the old slot together: one round trip.
            var lookup = SlotLookup.FindAsync(schedules, slots, rules, request.Actor, current.ScheduleId, request.SlotId, "slotId", cancellationToken);
            var oldRead = schedules.FindSlotAsync(current.ScheduleId, current.SlotId, cancellationToken);
            await Task.WhenAll(lookup, oldRead);
            var (schedule, stored, error) = await lookup;
            if (error is not null)
            {
                // Out of reach reads as not found; a rule the caller can act on (nettlege triage) is named.
                return error.Code == "forbidden" ? AppointmentErrors.NotFound() : error;
            }

            if (BookingRules.CheckCancellable(current, now) is { } late)
            {
                return late;
            }

            var target = stored!.Slot;
            if (target.Id == current.SlotId)
            {
                return Error.Invalid("same-slot", "slotId", "The appointment is already in this slot.");
            }

            if (!target.IsAvailableTo(subject, null, now))
            {
                // Our own twin (same key) may be moving the appointment into this slot right now (its intent is on the slot),
                // or have moved it since we read the person (the slot is booked by this very appointment, and the twin's
                // record was committed before that): its answer is ours.
                if (IdempotentTwin.WaitFor(target, keyId, settledByTwin: target.AppointmentId == current.Id) is { } wait
                    && await IdempotentTwin.WaitAsync(appointments, subject, p => Replay(p, keyId, hash), wait, cancellationToken) is { } twin)
                {
                    return twin;
                }

                return target.Start <= now
                    ? Error.Invalid("slot-in-past", "slotId", "This slot has already started.")
                    : BookingErrors.SlotTaken("slotId");
            }

            // The new slot and the old in one transaction: if the new one is gone, nothing has been touched.
            var old = await oldRead;
            var marking = old is null ? new[] { stored } : [stored, old];
            var announce = announced is null ? appointments.AnnounceEventsAsync(subject, cancellationToken) : Task.FromResult(announced);
            var claim = slots.MarkAllAsync(marking, current.Id, subject, keyId, cancellationToken);
            await Task.WhenAll(announce, claim);
            announced = await announce;
            if (await claim is not { } marked)
            {
                continue;
            }

            var moved = current with
            {
                SlotId = target.Id,
                Start = target.Start,
                Length = target.Length,
                Channel = target.Channel,
                CancellableUntil = BookingRules.CancellableUntil(target.Start, schedule!),
                RescheduledAt = now,
                ReminderSentAt = null,
            };
            var expired = person.Holds.Where(h => !h.IsActiveAt(now)).Select(h => h.Id).ToList();
            var record = keyId is null ? null : new IdempotencyRecord(keyId, hash, current.Id, now);
            if (await appointments.CommitAsync(
                    new BookingCommit(person, moved, null, expired, record, [AppointmentEvents.Rescheduled(current, moved, request.Actor.Actor, now)], announced),
                    cancellationToken))
            {
                var settle = new List<(StoredSlot, Slot)> { (marked[0], marked[0].Slot.BookedBy(moved.Id, subject)) };
                if (marked.Count > 1)
                {
                    settle.Add((marked[1], marked[1].Slot.Released()));
                }

                await slots.SettleAllAsync(settle, cancellationToken);
                return Result.Ok(new AppointmentMoved(moved, Replayed: false));
            }

            var undo = new List<(StoredSlot, Slot)> { (marked[0], target) };
            if (marked.Count > 1)
            {
                undo.Add((marked[1], old!.Slot));
            }

            await slots.SettleAllAsync(undo, cancellationToken);
        }

        return BookingErrors.ConcurrentChange();
    }

    /// <summary>A retry answers the appointment as it is now (moved by the first request, or changed since).</summary>
    private static Result<AppointmentMoved>? Replay(PersonBookings person, string? keyId, string hash) =>
        IdempotentCreate.Replay(person.Idempotency, keyId, hash, id => person.Find(id) is { } moved ? new AppointmentMoved(moved, Replayed: true) : null);
}

/// <summary>A moved appointment; <see cref="Replayed"/> when an Idempotency-Key retry returned the first answer.</summary>
public sealed record AppointmentMoved(Appointment Appointment, bool Replayed);
