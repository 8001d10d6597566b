namespace CitizenServices.Application.Booking.Schedules;

/// <summary>A provider's administrator creates or changes a schedule of their own municipality.</summary>
public sealed record SaveScheduleRequest(
    string CallerMunicipality, string ScheduleId, string? Name, string? Kind, string? Municipality, int? CancellationDeadlineHours,
    IReadOnlyList<string>? Channels);

public sealed class SaveScheduleHandler(IScheduleStore schedules)
{
    public async Task<Result<Schedule>> HandleAsync(SaveScheduleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Schedule.IsValidId(request.ScheduleId))
        {
            return Error.Invalid("invalid-schedule-id", "id", "Use 3-40 lowercase letters, digits and hyphens.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return Error.Invalid("name-required", "name", "A name of 1-200 characters is required.");
        }

        if (!BookingNames.TryParseKind(request.Kind, out var kind))
        {
            return Error.Invalid("unknown-schedule-kind", "kind", "Use gp, municipal or specialist.");
        }

        if (kind == ScheduleKind.Nettlege)
        {
            return Error.Invalid("generated-schedule", "kind", "Nettlege schedules are generated from the municipality's pilot configuration.");
        }

        if (request.Municipality is not { Length: 4 } municipality || !municipality.All(char.IsAsciiDigit))
        {
            return Error.Invalid("invalid-municipality", "municipality", "A 4-digit kommunenummer is required.");
        }

        if (request.CancellationDeadlineHours is < 0 or > 24 * 14)
        {
            return Error.Invalid("invalid-cancellation-deadline", "cancellationDeadlineHours", "Use 0 to 336 hours.");
        }

        var channels = new List<SlotChannel>();
        foreach (var (raw, i) in (request.Channels ?? []).Select((c, i) => (c, i)))
        {
            if (!BookingNames.TryParseChannel(raw, out var channel))
            {
                return Error.Invalid("unknown-channel", $"channels[{i}]", "Use video, in-person or phone.");
            }

            if (!channels.Contains(channel))
            {
                channels.Add(channel);
            }
        }

        if (channels.Count == 0)
        {
            return Error.Invalid("channels-required", "channels", "At least one channel is required.");
        }

        var existing = await schedules.FindAsync(request.ScheduleId, cancellationToken);
        if (existing?.Kind == ScheduleKind.Nettlege)
        {
            return Error.Invalid("generated-schedule", "id", "Nettlege schedules are generated from the municipality's pilot configuration.");
        }

        if (municipality != request.CallerMunicipality || (existing is not null && existing.Municipality != request.CallerMunicipality))
        {
            return Error.Forbidden("You may manage schedules of your own municipality only.");
        }

        var schedule = new Schedule(
            request.ScheduleId, request.Name.Trim(), kind, municipality,
            request.CancellationDeadlineHours is { } hours ? TimeSpan.FromHours(hours) : Schedule.DefaultCancellationDeadline,
            channels);
        await schedules.SaveAsync(schedule, cancellationToken);
        return Result.Ok(schedule);
    }
}
