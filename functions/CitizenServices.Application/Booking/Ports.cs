namespace CitizenServices.Application.Booking;

/// <summary>
/// Schedules and their slots. A schedule's definition and all its slots share one partition (the schedule's), so a
/// busy schedule never touches another's partition and a slot's conditional write is a single-entity write.
/// </summary>
public interface IScheduleStore
{
    Task<Schedule?> FindAsync(string scheduleId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the definition; the catalog used for listing follows it.</summary>
    Task SaveAsync(Schedule schedule, CancellationToken cancellationToken);

    /// <summary>Schedules from the catalog, optionally of one municipality.</summary>
    Task<IReadOnlyList<Schedule>> ListAsync(string? municipality, CancellationToken cancellationToken);

    /// <summary>Adds the slots that are not there yet; a slot already published (same id) is left as it is.</summary>
    Task<SlotPublication> PublishAsync(string scheduleId, IReadOnlyList<SlotDraft> slots, CancellationToken cancellationToken);

    /// <summary>Slots starting in [<paramref name="from"/>, <paramref name="until"/>), in start order.</summary>
    Task<IReadOnlyList<StoredSlot>> ListSlotsAsync(string scheduleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    Task<StoredSlot?> FindSlotAsync(string scheduleId, string slotId, CancellationToken cancellationToken);

    /// <summary>
    /// The slot starting at or after <paramref name="from"/> that names appointment <paramref name="appointmentId"/>, or
    /// null: one query over the schedule's partition from that start on, filtered by the store.
    /// </summary>
    Task<Slot?> FindSlotByAppointmentAsync(string scheduleId, Guid appointmentId, DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the slot only if it is unchanged since <paramref name="current"/> was read (its ETag): the conditional
    /// write that makes a slot taken at most once. Null when someone else changed it first.
    /// </summary>
    Task<StoredSlot?> ReplaceSlotAsync(StoredSlot current, Slot changed, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces several slots of one schedule in one transaction (one round trip), each only if unchanged since it was read:
    /// all or none. Null when any of them changed first.
    /// </summary>
    Task<IReadOnlyList<StoredSlot>?> ReplaceSlotsAsync(IReadOnlyList<(StoredSlot Current, Slot Changed)> changes, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> slots of the schedule that ended before <paramref name="before"/> (retention:
    /// the person's partition keeps the appointment; a past slot is never booked again). Returns how many were deleted.
    /// </summary>
    Task<int> RetireSlotsAsync(string scheduleId, DateTimeOffset before, int limit, CancellationToken cancellationToken);
}

/// <summary>A slot with the concurrency token of the read.</summary>
public sealed record StoredSlot(Slot Slot, object Token);

public sealed record SlotPublication(int Published, int AlreadyPublished);

/// <summary>
/// Appointments, holds and Idempotency-Keys of one person, in that person's partition: the truth about which slot each
/// appointment holds. Every change is one transaction conditional on the partition's head row, which is also the fence
/// a stale slot intent is resolved behind (<see cref="FenceAsync"/>).
/// </summary>
public interface IAppointmentStore
{
    Task<PersonBookings> LoadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken);

    /// <summary>The change, its idempotency record and its events in one transaction; false when the partition changed since the load.</summary>
    Task<bool> CommitAsync(BookingCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Says that events are about to commit in the subject's partition (the outbox's index entry, which must exist before
    /// they do), so a commit that carries the answer needs no write of its own first. A change sends it together with its
    /// slot write: one round trip fewer. Idempotent; harmless when no commit follows.
    /// </summary>
    Task<EventsAnnounced> AnnounceEventsAsync(NationalIdentityNumber subject, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the head on without changing anything else, only if the partition is as loaded: every change that loaded
    /// the partition before now fails its commit. False when the partition changed since the load.
    /// </summary>
    Task<bool> FenceAsync(PersonBookings loaded, CancellationToken cancellationToken);

    /// <summary>Records that the reminder for <paramref name="appointment"/> is sent, with its event, conditional like a commit.</summary>
    Task<bool> CommitReminderAsync(PersonBookings loaded, Appointment appointment, AppointmentEvent reminder, CancellationToken cancellationToken);
}

/// <summary>A person's partition as read, with the token that makes a commit conditional on it.</summary>
public sealed record PersonBookings(
    NationalIdentityNumber Subject,
    IReadOnlyList<Appointment> Appointments,
    IReadOnlyList<Hold> Holds,
    IReadOnlyDictionary<string, IdempotencyRecord> Idempotency,
    object? Token)
{
    public Appointment? Find(Guid id) => Appointments.FirstOrDefault(a => a.Id == id);
}

/// <summary>
/// One change to a person's bookings: an appointment written (new or changed), a hold added, holds removed (used or
/// expired), an idempotency record and events.
/// </summary>
/// <param name="Announced">What <see cref="IAppointmentStore.AnnounceEventsAsync"/> answered for this subject, if the
/// change announced its events; otherwise the commit announces them itself, one round trip before the transaction.</param>
public sealed record BookingCommit(
    PersonBookings Loaded,
    Appointment? Appointment,
    Hold? AddedHold,
    IReadOnlyList<Guid> RemovedHolds,
    IdempotencyRecord? Idempotency,
    IReadOnlyList<AppointmentEvent> Events,
    EventsAnnounced? Announced = null);

/// <summary>The proof that a subject's partition was entered in the outbox's index before its events commit.</summary>
public sealed record EventsAnnounced(NationalIdentityNumber Subject, DateTimeOffset At);

/// <summary>An event a booking change emits, for the outbox in the subject's partition.</summary>
public sealed record AppointmentEvent(string Type, NationalIdentityNumber Subject, DateTimeOffset OccurredAt, IValidatedEventData Data);
