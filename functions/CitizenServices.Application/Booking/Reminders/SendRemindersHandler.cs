namespace CitizenServices.Application.Booking.Reminders;

/// <summary>What one run did: reminders committed, booked slots already reminded (marker copied), slots left for the next run.</summary>
public sealed record ReminderRun(int Sent, int AlreadySent, int Contended, bool LimitReached);

/// <summary>
/// The housekeeping step that emits <c>appointment.reminder-due</c> once per appointment, from
/// <see cref="BookingPolicy.ReminderAhead"/> (24 hours) before the start. It reads each schedule's booked slots in that
/// window (one range query per schedule), decides on the person's partition, and commits the reminder marker with the
/// event there (conditional on the head, so a re-run or a concurrent run cannot send twice); then it marks the slot so
/// the next run skips it without reading the person. Stale slot intents met on the way are resolved.
/// </summary>
public sealed class SendRemindersHandler(IScheduleStore schedules, IAppointmentStore appointments, SlotCoordinator slots, TimeProvider time)
{
    public const int DefaultMaxPerRun = 500;
    private const int Attempts = 4;

    public async Task<ReminderRun> HandleAsync(int maxPerRun = DefaultMaxPerRun, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        int sent = 0, already = 0, contended = 0, decided = 0;
        foreach (var schedule in await schedules.ListAsync(null, cancellationToken))
        {
            // The listing's end is exclusive; a minute more takes in a slot exactly ReminderAhead away (the rule decides).
            foreach (var listed in await schedules.ListSlotsAsync(schedule.Id, now, now + slots.Policy.ReminderAhead + TimeSpan.FromMinutes(1), cancellationToken))
            {
                var stored = listed.Slot.HasStaleIntent(now) ? await slots.ResolveAsync(listed, cancellationToken) : listed;
                if (stored.Slot is not { AppointmentId: { } appointmentId, BookedFor: { } subject, ReminderSentAt: null, Intent: null })
                {
                    continue;
                }

                if (decided++ >= maxPerRun)
                {
                    return new ReminderRun(sent, already, contended, LimitReached: true);
                }

                switch (await RemindAsync(subject, appointmentId, now, cancellationToken))
                {
                    case Outcome.Sent: sent++; break;
                    case Outcome.AlreadySent: already++; break;
                    default: contended++; continue;
                }

                // Only a shortcut for the next run: the marker in the person's partition is what prevents a second reminder.
                await schedules.ReplaceSlotAsync(stored, stored.Slot with { ReminderSentAt = now }, cancellationToken);
            }
        }

        return new ReminderRun(sent, already, contended, LimitReached: false);
    }

    private async Task<Outcome> RemindAsync(Domain.Identity.NationalIdentityNumber subject, Guid appointmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var person = await appointments.LoadAsync(subject, cancellationToken);
            if (person.Find(appointmentId) is not { } appointment || !BookingRules.IsReminderDue(appointment, now, slots.Policy))
            {
                return Outcome.AlreadySent;
            }

            if (await appointments.CommitReminderAsync(person, appointment, AppointmentEvents.ReminderDue(appointment, now), cancellationToken))
            {
                return Outcome.Sent;
            }
        }

        return Outcome.Contended;
    }

    private enum Outcome
    {
        Sent,
        AlreadySent,
        Contended,
    }
}
