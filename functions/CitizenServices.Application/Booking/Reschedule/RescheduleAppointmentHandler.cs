namespace CitizenServices.Application.Booking.Reschedule;

/// <summary>Move an appointment to another slot of the same schedule.</summary>
public sealed record RescheduleAppointmentRequest(BookingActor Actor, Guid AppointmentId, string? SlotId);

/// <summary>
/// Rule: the new slot first, then release the old. The new slot is claimed (a taken slot is 409 and the appointment is
/// untouched), the old slot gets a release intent, the appointment is moved in one transaction with its event, and both
/// slots are settled. A lost commit undoes both intents and decides again.
/// </summary>
public sealed class RescheduleAppointmentHandler(
    IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, IEnumerable<IBookingRule> rules, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<Appointment>> HandleAsync(RescheduleAppointmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var person = await appointments.LoadAsync(subject, cancellationToken);
            var now = time.GetUtcNow();
            if (person.Find(request.AppointmentId) is not { IsActive: true } current)
            {
                return AppointmentErrors.NotFound();
            }

            var (schedule, stored, error) = await SlotLookup.FindAsync(
                schedules, slots, rules, request.Actor, current.ScheduleId, request.SlotId, "slotId", cancellationToken);
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
                return target.Start <= now
                    ? Error.Invalid("slot-in-past", "slotId", "This slot has already started.")
                    : BookingErrors.SlotTaken("slotId");
            }

            // The new slot first: if it is gone, nothing else has been touched.
            if (await slots.MarkAsync(stored, current.Id, subject, null, cancellationToken) is not { } claimed)
            {
                continue;
            }

            var old = await schedules.FindSlotAsync(current.ScheduleId, current.SlotId, cancellationToken);
            StoredSlot? releasing = null;
            if (old is not null && (releasing = await slots.MarkAsync(old, current.Id, subject, null, cancellationToken)) is null)
            {
                await slots.UndoAsync(claimed, target, cancellationToken);
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
            if (await appointments.CommitAsync(
                    new BookingCommit(person, moved, null, expired, null, [AppointmentEvents.Rescheduled(current, moved, request.Actor.Actor, now)]),
                    cancellationToken))
            {
                await slots.SettleAsync(claimed, claimed.Slot.BookedBy(moved.Id, subject), cancellationToken);
                if (releasing is not null)
                {
                    await slots.SettleAsync(releasing, releasing.Slot.Released(), cancellationToken);
                }

                return Result.Ok(moved);
            }

            await slots.UndoAsync(claimed, target, cancellationToken);
            if (releasing is not null)
            {
                await slots.UndoAsync(releasing, old!.Slot, cancellationToken);
            }
        }

        return BookingErrors.ConcurrentChange();
    }
}
