using System.Diagnostics;

namespace CitizenServices.Infrastructure.Booking;

/// <summary>
/// <see cref="IAppointmentStore"/> on Table Storage: the subject's partition of <c>appointments</c>. Every change is one
/// entity group transaction with the head row conditional on its ETag (inserted by the first change), so concurrent
/// changes for one person are decided one after the other, and moving the head on is the fence a stale slot intent is
/// resolved behind.
/// </summary>
public sealed class TableAppointmentStore(BoundedTable table, TableEventOutbox outbox, TimeProvider time) : IAppointmentStore
{
    public async Task<PersonBookings> LoadAsync(NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var appointments = new List<Appointment>();
        var holds = new List<Hold>();
        var idempotency = new Dictionary<string, IdempotencyRecord>(StringComparer.Ordinal);
        ETag? head = null;
        await foreach (var row in table.QueryPartitionAsync<TableEntity>(subject.Value, cancellationToken: cancellationToken))
        {
            if (row.RowKey == BookingRows.HeadRowKey)
            {
                head = row.ETag;
            }
            else if (row.RowKey.StartsWith(BookingRows.AppointmentPrefix, StringComparison.Ordinal))
            {
                appointments.Add(BookingRows.ReadAppointment(row));
            }
            else if (row.RowKey.StartsWith(BookingRows.HoldPrefix, StringComparison.Ordinal))
            {
                holds.Add(BookingRows.ReadHold(row));
            }
            else if (row.RowKey.StartsWith(BookingRows.IdempotencyPrefix, StringComparison.Ordinal))
            {
                var record = BookingRows.ReadIdempotency(row);
                idempotency[record.KeyId] = record;
            }
        }

        return new PersonBookings(subject, appointments, holds, idempotency, head);
    }

    public async Task<bool> CommitAsync(BookingCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var subject = commit.Loaded.Subject;
        var actions = new List<TableTransactionAction> { HeadAction(commit.Loaded) };
        if (commit.Appointment is { } appointment)
        {
            if (appointment.Subject != subject)
            {
                throw new ArgumentException("An appointment is stored in its subject's partition.", nameof(commit));
            }

            // A new appointment is an Add; a changed one is replaced unconditionally on the row: the head's ETag already
            // guarantees the partition is as it was read.
            actions.Add(commit.Loaded.Find(appointment.Id) is null
                ? new TableTransactionAction(TableTransactionActionType.Add, BookingRows.Appointment(appointment))
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, BookingRows.Appointment(appointment), ETag.All));
        }

        if (commit.AddedHold is { } hold)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, BookingRows.Hold(hold)));
        }

        var removedHolds = commit.RemovedHolds.ToHashSet();
        foreach (var removed in removedHolds)
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Delete, new TableEntity(subject.Value, BookingRows.HoldRowKey(removed)), ETag.All));
        }

        // A hold's Idempotency-Key record goes with the hold, so the partition does not keep one per hold ever placed.
        foreach (var holdRecord in commit.Loaded.Idempotency.Values.Where(r => removedHolds.Contains(r.CreatedId)))
        {
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Delete, new TableEntity(subject.Value, BookingRows.IdempotencyPrefix + holdRecord.KeyId), ETag.All));
        }

        if (commit.Idempotency is { } record)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, BookingRows.Idempotency(subject, record)));
        }

        if (commit.Events.Count > 0)
        {
            // The events commit with the change, in the subject's partition: both or neither. The index entry that lets the
            // sweep find them is written first: by the change, with its slot write, or here.
            var partition = new EventPartition(table.Name, subject.Value);
            var events = commit.Events.Select(ToDomainEvent).ToList();
            actions.AddRange(commit.Announced?.Subject == subject
                ? TableEventOutbox.Rows(partition, events, time.GetUtcNow())
                : await outbox.StageAsync(partition, events, cancellationToken));
        }

        return (await table.SubmitTransactionAsync(actions, cancellationToken)).Succeeded;
    }

    public async Task<EventsAnnounced> AnnounceEventsAsync(NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        await outbox.MarkPendingAsync(new EventPartition(table.Name, subject.Value), cancellationToken);
        return new EventsAnnounced(subject, time.GetUtcNow());
    }

    public async Task<bool> FenceAsync(PersonBookings loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return (await table.SubmitTransactionAsync([HeadAction(loaded)], cancellationToken)).Succeeded;
    }

    public async Task<bool> CommitReminderAsync(PersonBookings loaded, Appointment appointment, AppointmentEvent reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(reminder);
        var sent = appointment with { ReminderSentAt = reminder.OccurredAt };
        return await CommitAsync(new BookingCommit(loaded, sent, null, [], null, [reminder]), cancellationToken);
    }

    private TableTransactionAction HeadAction(PersonBookings loaded)
    {
        var head = BookingRows.Head(loaded.Subject, time.GetUtcNow());
        return loaded.Token is ETag etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, head);
    }

    private static DomainEvent ToDomainEvent(AppointmentEvent e) =>
        DomainEvent.Create(e.Type, e.Subject, e.Data, e.OccurredAt, Activity.Current?.TraceId.ToHexString());
}
