namespace CitizenServices.Application.Booking.Cancel;

public sealed record CancelAppointmentRequest(BookingActor Actor, Guid AppointmentId);

/// <summary>
/// Cancels an appointment until its schedule's deadline: the slot gets a release intent, the appointment is marked
/// cancelled with its event, and the slot is freed. Cancelling a cancelled appointment changes nothing.
/// </summary>
public sealed class CancelAppointmentHandler(IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<Appointment>> HandleAsync(CancelAppointmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Actor.Subject;
        EventsAnnounced? announced = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var person = await appointments.LoadAsync(subject, cancellationToken);
            var now = time.GetUtcNow();
            if (person.Find(request.AppointmentId) is not { } current
                || !BookingRules.MayActOn(request.Actor.Basis, current.ScheduleKind))
            {
                return AppointmentErrors.NotFound();
            }

            if (!current.IsActive)
            {
                return Result.Ok(current);
            }

            if (BookingRules.CheckCancellable(current, now) is { } late)
            {
                return late;
            }

            // The slot read goes out with the outbox's index entry, and the release mark after it: one round trip saved.
            var announce = announced is null ? appointments.AnnounceEventsAsync(subject, cancellationToken) : Task.FromResult(announced);
            var read = schedules.FindSlotAsync(current.ScheduleId, current.SlotId, cancellationToken);
            await Task.WhenAll(announce, read);
            announced = await announce;
            var stored = await read;
            StoredSlot? releasing = null;
            if (stored is not null && (releasing = await slots.MarkAsync(stored, current.Id, subject, null, cancellationToken)) is null)
            {
                continue;
            }

            var cancelled = current with { Status = AppointmentStatus.Cancelled, CancelledAt = now, CancelledBy = request.Actor.Actor };
            var expired = person.Holds.Where(h => !h.IsActiveAt(now)).Select(h => h.Id).ToList();
            if (await appointments.CommitAsync(
                    new BookingCommit(person, cancelled, null, expired, null, [AppointmentEvents.Cancelled(cancelled, request.Actor.Actor, now)], announced),
                    cancellationToken))
            {
                if (releasing is not null)
                {
                    await slots.SettleAsync(releasing, releasing.Slot.Released(), cancellationToken);
                }

                return Result.Ok(cancelled);
            }

            if (releasing is not null)
            {
                await slots.UndoAsync(releasing, stored!.Slot, cancellationToken);
            }
        }

        return BookingErrors.ConcurrentChange();
    }
}
