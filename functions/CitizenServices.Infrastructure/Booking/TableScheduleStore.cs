namespace CitizenServices.Infrastructure.Booking;

/// <summary>
/// <see cref="IScheduleStore"/> on Table Storage: a schedule and its slots in the schedule's own partition of
/// <c>schedules</c>; every slot change is a single-entity replace conditional on the slot's ETag.
/// </summary>
public sealed class TableScheduleStore(BoundedTable schedules, BoundedTable catalog, ILogger<TableScheduleStore> logger) : IScheduleStore
{
    private const int PublishConcurrency = 8;

    public async Task<Schedule?> FindAsync(string scheduleId, CancellationToken cancellationToken) =>
        await schedules.GetAsync<TableEntity>(scheduleId, BookingRows.ScheduleRowKey, cancellationToken: cancellationToken) is { } row
            ? BookingRows.ReadSchedule(row)
            : null;

    public async Task SaveAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var previous = await FindAsync(schedule.Id, cancellationToken);
        await schedules.UpsertAsync(BookingRows.Schedule(schedule, schedule.Id, BookingRows.ScheduleRowKey), TableUpdateMode.Replace, cancellationToken);

        // The catalog is a copy for listing, written after the truth; a municipality change moves the copy.
        await catalog.UpsertAsync(BookingRows.Schedule(schedule, schedule.Municipality, schedule.Id), TableUpdateMode.Replace, cancellationToken);
        if (previous is not null && previous.Municipality != schedule.Municipality)
        {
            await catalog.DeleteAsync(previous.Municipality, schedule.Id, cancellationToken: cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Schedule>> ListAsync(string? municipality, CancellationToken cancellationToken)
    {
        var list = new List<Schedule>();
        var rows = municipality is null
            ? catalog.QueryAsync<TableEntity>(null, cancellationToken: cancellationToken)
            : catalog.QueryPartitionAsync<TableEntity>(municipality, cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            list.Add(BookingRows.ReadSchedule(row));
        }

        return list.OrderBy(s => s.Municipality, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<SlotPublication> PublishAsync(string scheduleId, IReadOnlyList<SlotDraft> slots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var published = 0;
        var already = 0;

        // One Add per slot (not a batch): a batch fails as a whole on the first slot that exists, and an existing slot may
        // be held or booked, so it must never be overwritten.
        await Parallel.ForEachAsync(
            slots.DistinctBy(s => s.Id),
            new ParallelOptions { MaxDegreeOfParallelism = PublishConcurrency, CancellationToken = cancellationToken },
            async (draft, token) =>
            {
                var result = await schedules.AddAsync(BookingRows.NewSlot(scheduleId, draft), token);
                Interlocked.Increment(ref result.Succeeded ? ref published : ref already);
            });
        logger.LogInformation("Published {Published} slots in schedule {ScheduleId}; {Already} were there already.", published, scheduleId, already);
        return new SlotPublication(published, already);
    }

    public async Task<IReadOnlyList<StoredSlot>> ListSlotsAsync(string scheduleId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scheduleId} and RowKey ge {BookingRows.SlotRowKey(SlotIds.LowerBound(from))} and RowKey lt {BookingRows.SlotRowKey(SlotIds.LowerBound(until))}");
        var list = new List<StoredSlot>();
        await foreach (var row in schedules.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var slot = BookingRows.ReadSlot(row);
            if (slot.Start >= from && slot.Start < until)
            {
                list.Add(new StoredSlot(slot, row.ETag));
            }
        }

        return list;
    }

    public async Task<StoredSlot?> FindSlotAsync(string scheduleId, string slotId, CancellationToken cancellationToken) =>
        await schedules.GetAsync<TableEntity>(scheduleId, BookingRows.SlotRowKey(slotId), cancellationToken: cancellationToken) is { } row
            ? new StoredSlot(BookingRows.ReadSlot(row), row.ETag)
            : null;

    public async Task<Slot?> FindSlotByAppointmentAsync(string scheduleId, Guid appointmentId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        // Slot row keys sort by start, so the range starts at `from` and runs to the end of the slot rows ('|' + 1 = '}').
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scheduleId} and RowKey ge {BookingRows.SlotRowKey(SlotIds.LowerBound(from))} and RowKey lt {BookingRows.SlotRangeEnd} and AppointmentId eq {appointmentId}");
        await foreach (var row in schedules.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            return BookingRows.ReadSlot(row);
        }

        return null;
    }

    public async Task<StoredSlot?> ReplaceSlotAsync(StoredSlot current, Slot changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changed);
        if (current.Token is not ETag etag || changed.ScheduleId != current.Slot.ScheduleId || changed.Id != current.Slot.Id)
        {
            throw new ArgumentException("A slot is replaced by itself, over the ETag it was read with.", nameof(changed));
        }

        var result = await schedules.UpdateAsync(BookingRows.Slot(changed), etag, TableUpdateMode.Replace, cancellationToken);
        return result.Succeeded ? new StoredSlot(changed, result.ETag) : null;
    }

    public async Task<IReadOnlyList<StoredSlot>?> ReplaceSlotsAsync(IReadOnlyList<(StoredSlot Current, Slot Changed)> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var actions = new List<TableTransactionAction>();
        foreach (var (current, changed) in changes)
        {
            if (current.Token is not ETag etag || changed.ScheduleId != current.Slot.ScheduleId || changed.Id != current.Slot.Id)
            {
                throw new ArgumentException("A slot is replaced by itself, over the ETag it was read with.", nameof(changes));
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, BookingRows.Slot(changed), etag));
        }

        var result = await schedules.SubmitTransactionAsync(actions, cancellationToken);
        return result.Succeeded ? changes.Select((c, i) => new StoredSlot(c.Changed, result.ETags[i])).ToList() : null;
    }

    public async Task<int> RetireSlotsAsync(string scheduleId, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        // Slot row keys sort by start, so the past is the range from the first slot row to the bound; a slot that has
        // started but not ended is left for the next run.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {scheduleId} and RowKey ge {BookingRows.SlotRowKey(string.Empty)} and RowKey lt {BookingRows.SlotRowKey(SlotIds.LowerBound(before))}");
        var retired = new List<TableTransactionAction>();
        await foreach (var row in schedules.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var slot = BookingRows.ReadSlot(row);
            if (slot.Start + slot.Length <= before)
            {
                // Conditional on the ETag read: a slot someone changed in the meantime waits for the next run.
                retired.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), row.ETag));
            }

            if (retired.Count >= limit)
            {
                break;
            }
        }

        var deleted = 0;
        foreach (var chunk in retired.Chunk(100))
        {
            if ((await schedules.SubmitTransactionAsync(chunk, cancellationToken)).Succeeded)
            {
                deleted += chunk.Length;
            }
        }

        return deleted;
    }
}
