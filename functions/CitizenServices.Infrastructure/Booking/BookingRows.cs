namespace CitizenServices.Infrastructure.Booking;

/// <summary>
/// Row layout of the booking tables (docs/booking.md). Table <c>schedules</c>, PartitionKey = schedule id: the row
/// <c>schedule</c> (the definition) and one row <c>slot|{slotId}</c> per slot. Table <c>schedulecatalog</c>,
/// PartitionKey = municipality, RowKey = schedule id: a copy for listing. Table <c>appointments</c>, PartitionKey = the
/// subject: <c>head</c>, <c>a|{id:N}</c> appointments, <c>h|{id:N}</c> holds, <c>i|{hash}</c> Idempotency-Keys and the outbox.
/// </summary>
internal static class BookingRows
{
    public const string ScheduleRowKey = "schedule";
    public const string SlotPrefix = "slot|";

    /// <summary>The first key after every slot row ('}' follows '|'): the exclusive end of a range over slots.</summary>
    public const string SlotRangeEnd = "slot}";
    public const string HeadRowKey = "head";
    public const string AppointmentPrefix = "a|";
    public const string HoldPrefix = "h|";
    public const string IdempotencyPrefix = "i|";

    public static TableEntity Schedule(Schedule s, string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["ScheduleId"] = s.Id,
        ["Name"] = s.Name,
        ["Kind"] = s.Kind.Name(),
        ["Municipality"] = s.Municipality,
        ["CancellationDeadlineMinutes"] = (int)s.CancellationDeadline.TotalMinutes,
        ["Channels"] = string.Join(',', s.Channels.Select(c => c.Name())),
    };

    public static Schedule ReadSchedule(TableEntity row)
    {
        var kind = Kind(row.GetString("Kind"));
        var channels = (row.GetString("Channels") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => BookingNames.TryParseChannel(c, out var channel) ? channel : (SlotChannel?)null)
            .OfType<SlotChannel>().ToList();
        return new Schedule(
            row.GetString("ScheduleId") ?? row.PartitionKey, row.GetString("Name") ?? string.Empty, kind, row.GetString("Municipality") ?? string.Empty,
            TimeSpan.FromMinutes(row.GetInt32("CancellationDeadlineMinutes") ?? 0), channels);
    }

    public static string SlotRowKey(string slotId) => SlotPrefix + slotId;

    public static TableEntity Slot(Slot s)
    {
        var row = new TableEntity(s.ScheduleId, SlotRowKey(s.Id))
        {
            ["Start"] = s.Start,
            ["LengthMinutes"] = (int)s.Length.TotalMinutes,
            ["Channel"] = s.Channel.Name(),
            ["State"] = s.Intent is not null ? "changing" : s.AppointmentId is not null ? "booked" : s.Hold is not null ? "held" : "free",
        };
        if (s.Hold is { } hold)
        {
            row["HoldId"] = hold.HoldId;
            row["HoldSubject"] = hold.Subject.Value;
            row["HoldUntil"] = hold.Until;
        }

        if (s.AppointmentId is { } appointmentId)
        {
            row["AppointmentId"] = appointmentId;
            row["BookedFor"] = s.BookedFor?.Value ?? throw new ArgumentException("A booked slot names whom it is booked for.", nameof(s));
        }

        if (s.Intent is { } intent)
        {
            row["IntentAppointmentId"] = intent.AppointmentId;
            row["IntentSubject"] = intent.Subject.Value;
            row["IntentUntil"] = intent.Until;
            if (intent.IdempotencyKeyId is { } keyId)
            {
                row["IntentKeyId"] = keyId;
            }
        }

        if (s.ReminderSentAt is { } sent)
        {
            row["ReminderSentAt"] = sent;
        }

        return row;
    }

    public static Slot ReadSlot(TableEntity row)
    {
        var id = row.RowKey[SlotPrefix.Length..];
        var channel = Channel(row.GetString("Channel"));
        SlotHold? hold = row.GetGuid("HoldId") is { } holdId
            ? new SlotHold(holdId, NationalIdentityNumber.Parse(row.GetString("HoldSubject")!), row.GetDateTimeOffset("HoldUntil")!.Value)
            : null;
        SlotIntent? intent = row.GetGuid("IntentAppointmentId") is { } intentId
            ? new SlotIntent(intentId, NationalIdentityNumber.Parse(row.GetString("IntentSubject")!), row.GetDateTimeOffset("IntentUntil")!.Value, row.GetString("IntentKeyId"))
            : null;
        return new Slot(
            row.PartitionKey, id, row.GetDateTimeOffset("Start")!.Value, TimeSpan.FromMinutes(row.GetInt32("LengthMinutes") ?? 0), channel, hold,
            row.GetGuid("AppointmentId"), row.GetString("BookedFor") is { } bookedFor ? NationalIdentityNumber.Parse(bookedFor) : null,
            intent, row.GetDateTimeOffset("ReminderSentAt"));
    }

    public static TableEntity NewSlot(string scheduleId, SlotDraft draft) =>
        Slot(new Slot(scheduleId, draft.Id, draft.Start, draft.Length, draft.Channel, null, null, null, null, null));

    public static TableEntity Head(NationalIdentityNumber subject, DateTimeOffset at) => new(subject.Value, HeadRowKey) { ["ChangedAt"] = at };

    public static string AppointmentRowKey(Guid id) => AppointmentPrefix + id.ToString("N");

    public static TableEntity Appointment(Appointment a) => Compact(new(a.Subject.Value, AppointmentRowKey(a.Id))
    {
        ["AppointmentId"] = a.Id,
        ["BookedBy"] = a.BookedBy.Value,
        ["ScheduleId"] = a.ScheduleId,
        ["ScheduleKind"] = a.ScheduleKind.Name(),
        ["SlotId"] = a.SlotId,
        ["Start"] = a.Start,
        ["LengthMinutes"] = (int)a.Length.TotalMinutes,
        ["Channel"] = a.Channel.Name(),
        ["CancellableUntil"] = a.CancellableUntil,
        ["Status"] = a.Status == AppointmentStatus.Booked ? "booked" : "cancelled",
        ["BookedAt"] = a.BookedAt,
        ["RescheduledAt"] = a.RescheduledAt,
        ["CancelledAt"] = a.CancelledAt,
        ["CancelledBy"] = a.CancelledBy?.Value,
        ["ReminderSentAt"] = a.ReminderSentAt,
    });

    public static Appointment ReadAppointment(TableEntity row)
    {
        var kind = Kind(row.GetString("ScheduleKind"));
        var channel = Channel(row.GetString("Channel"));
        return new Appointment(
            row.GetGuid("AppointmentId")!.Value, NationalIdentityNumber.Parse(row.PartitionKey), NationalIdentityNumber.Parse(row.GetString("BookedBy")!),
            row.GetString("ScheduleId")!, kind, row.GetString("SlotId")!, row.GetDateTimeOffset("Start")!.Value,
            TimeSpan.FromMinutes(row.GetInt32("LengthMinutes") ?? 0), channel, row.GetDateTimeOffset("CancellableUntil")!.Value,
            row.GetString("Status") == "booked" ? AppointmentStatus.Booked : AppointmentStatus.Cancelled,
            row.GetDateTimeOffset("BookedAt")!.Value, row.GetDateTimeOffset("RescheduledAt"), row.GetDateTimeOffset("CancelledAt"),
            row.GetString("CancelledBy") is { } by ? NationalIdentityNumber.Parse(by) : null, row.GetDateTimeOffset("ReminderSentAt"));
    }

    private static ScheduleKind Kind(string? value) =>
        BookingNames.TryParseKind(value, out var kind) ? kind : throw new InvalidOperationException($"Unknown schedule kind '{value}' in a stored row.");

    private static SlotChannel Channel(string? value) =>
        BookingNames.TryParseChannel(value, out var channel) ? channel : throw new InvalidOperationException($"Unknown channel '{value}' in a stored row.");

    /// <summary>Leaves out properties without a value: a replace then removes them, and no null reaches the service.</summary>
    private static TableEntity Compact(TableEntity row)
    {
        foreach (var key in row.Keys.Where(k => row[k] is null).ToList())
        {
            row.Remove(key);
        }

        return row;
    }

    public static string HoldRowKey(Guid id) => HoldPrefix + id.ToString("N");

    public static TableEntity Hold(Hold h) => new(h.Subject.Value, HoldRowKey(h.Id))
    {
        ["HoldId"] = h.Id,
        ["ScheduleId"] = h.ScheduleId,
        ["SlotId"] = h.SlotId,
        ["Until"] = h.Until,
        ["CreatedAt"] = h.CreatedAt,
    };

    public static Hold ReadHold(TableEntity row) => new(
        row.GetGuid("HoldId")!.Value, NationalIdentityNumber.Parse(row.PartitionKey), row.GetString("ScheduleId")!, row.GetString("SlotId")!,
        row.GetDateTimeOffset("Until")!.Value, row.GetDateTimeOffset("CreatedAt")!.Value);

    public static TableEntity Idempotency(NationalIdentityNumber subject, IdempotencyRecord r) => new(subject.Value, IdempotencyPrefix + r.KeyId)
    {
        ["RequestHash"] = r.RequestHash,
        ["AppointmentId"] = r.CreatedId,
        ["CreatedAt"] = r.CreatedAt,
    };

    public static IdempotencyRecord ReadIdempotency(TableEntity row) => new(
        row.RowKey[IdempotencyPrefix.Length..], row.GetString("RequestHash")!, row.GetGuid("AppointmentId")!.Value, row.GetDateTimeOffset("CreatedAt")!.Value);
}
