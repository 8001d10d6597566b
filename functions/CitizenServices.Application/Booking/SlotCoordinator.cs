namespace CitizenServices.Application.Booking;

/// <summary>
/// The cross-partition protocol every booking change follows, so that no slot and no appointment is left orphaned:
/// <list type="number">
/// <item>the slot first, conditionally on its ETag: it gets an <see cref="SlotIntent"/> (claim or release) with a
/// deadline; a loser of this write gets 409 and nothing else happened;</item>
/// <item>the person's partition, one transaction conditional on its head: the appointment as it should be, with its event;</item>
/// <item>the slot settled from the intent to its final state (booked or free); if step 2 failed, back to what it was.</item>
/// </list>
/// If the process stops between steps, the intent outlives its deadline and whoever meets the slot next (the free-slot
/// listing, a booking, the housekeeping timer) resolves it: fence the person's partition (so a late step 2 can no longer
/// commit), then make the slot say what the partition says. The person's partition is always the truth.
/// </summary>
public sealed class SlotCoordinator(IScheduleStore schedules, IAppointmentStore appointments, BookingPolicy policy, TimeProvider time)
{
    private const int Attempts = 4;

    public BookingPolicy Policy => policy;

    /// <summary>The slot, with a stale intent resolved first; null when there is no such slot.</summary>
    public async Task<StoredSlot?> ReadAsync(string scheduleId, string slotId, CancellationToken cancellationToken)
    {
        var stored = await schedules.FindSlotAsync(scheduleId, slotId, cancellationToken);
        return stored is null ? null : await ResolveAsync(stored, cancellationToken);
    }

    /// <summary>Resolves a stale intent from the person's partition (behind a fence); returns the slot as it now is.</summary>
    public async Task<StoredSlot> ResolveAsync(StoredSlot stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var slot = stored.Slot;
            if (slot.Intent is not { } intent || !slot.HasStaleIntent(time.GetUtcNow()))
            {
                return stored;
            }

            var person = await appointments.LoadAsync(intent.Subject, cancellationToken);
            if (!await appointments.FenceAsync(person, cancellationToken))
            {
                continue;
            }

            // After the fence no change that loaded the partition earlier can commit, so this answer is final.
            var holder = person.Appointments.FirstOrDefault(a => a.Id == intent.AppointmentId && a.Holds(slot.ScheduleId, slot.Id));
            var settled = holder is null ? slot.Released() : slot.BookedBy(holder.Id, holder.Subject);
            if (await schedules.ReplaceSlotAsync(stored, settled, cancellationToken) is { } written)
            {
                return written;
            }

            stored = await schedules.FindSlotAsync(slot.ScheduleId, slot.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Slot {slot.Id} of {slot.ScheduleId} disappeared.");
        }

        return stored;
    }

    /// <summary>Step 1: puts an intent on the slot for this appointment; null when the slot changed since it was read.</summary>
    public Task<StoredSlot?> MarkAsync(StoredSlot stored, Guid appointmentId, Domain.Identity.NationalIdentityNumber subject, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var intent = new SlotIntent(appointmentId, subject, time.GetUtcNow() + policy.IntentTimeout, keyId);
        return schedules.ReplaceSlotAsync(stored, stored.Slot.Claimed(intent), cancellationToken);
    }

    /// <summary>
    /// Step 3: the slot's final state, written only over the intent this request put there. If someone resolved the intent
    /// in the meantime they read the person's partition behind a fence, so what they wrote is right too.
    /// </summary>
    public Task SettleAsync(StoredSlot marked, Slot final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marked);
        return schedules.ReplaceSlotAsync(marked, final, cancellationToken);
    }

    /// <summary>After a failed step 2: the slot back as it was before the intent (a hold it carried is kept).</summary>
    public Task UndoAsync(StoredSlot marked, Slot before, CancellationToken cancellationToken) => SettleAsync(marked, before, cancellationToken);

    /// <summary>
    /// Step 1 for several slots of one schedule (a move: the new slot and the old), in one transaction: every slot gets the
    /// intent or none does. Null when any of them changed since it was read.
    /// </summary>
    public Task<IReadOnlyList<StoredSlot>?> MarkAllAsync(
        IReadOnlyList<StoredSlot> stored, Guid appointmentId, Domain.Identity.NationalIdentityNumber subject, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var intent = new SlotIntent(appointmentId, subject, time.GetUtcNow() + policy.IntentTimeout, keyId);
        return schedules.ReplaceSlotsAsync(stored.Select(s => (s, s.Slot.Claimed(intent))).ToList(), cancellationToken);
    }

    /// <summary>
    /// Step 3 (or the undo) for slots marked together, in one transaction. If someone resolved one of the intents meanwhile
    /// the transaction fails as a whole, and each slot is settled on its own: the one still carrying our intent is settled,
    /// the resolved one stays as its resolver (who read the person's partition behind a fence) left it.
    /// </summary>
    public async Task SettleAllAsync(IReadOnlyList<(StoredSlot Marked, Slot Final)> settled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settled);
        if (await schedules.ReplaceSlotsAsync(settled, cancellationToken) is null)
        {
            foreach (var (marked, final) in settled)
            {
                await schedules.ReplaceSlotAsync(marked, final, cancellationToken);
            }
        }
    }
}
