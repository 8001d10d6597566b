namespace CitizenServices.Application.Booking.Slots;

/// <summary>
/// Slots to publish in a schedule: explicit ones, a plan in Europe/Oslo wall-clock time, or both. <see cref="CallerMunicipality"/>
/// is null when the system itself publishes (generated schedules such as nettlege video slots).
/// </summary>
public sealed record PublishSlotsRequest(string ScheduleId, string? CallerMunicipality, IReadOnlyList<SlotDraft> Slots, SlotPlan? Plan);

/// <summary>
/// Publishes slots, idempotently: a slot is identified by its start and sequence, so publishing the same slots again adds
/// nothing and never touches a hold or booking. The reusable use case behind the provider endpoint and generated slots.
/// </summary>
public sealed class PublishSlotsHandler(IScheduleStore schedules, TimeProvider time)
{
    /// <summary>Slots per request: bounded so one request stays well inside the function timeout.</summary>
    public const int MaxSlots = 2_000;

    public async Task<Result<SlotPublication>> HandleAsync(PublishSlotsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Schedule.IsValidId(request.ScheduleId) || await schedules.FindAsync(request.ScheduleId, cancellationToken) is not { } schedule)
        {
            return Error.NotFound("schedule-not-found", "id", "No such schedule.");
        }

        if (request.CallerMunicipality is not null && request.CallerMunicipality != schedule.Municipality)
        {
            return Error.Forbidden("You may manage schedules of your own municipality only.");
        }

        if (request.CallerMunicipality is not null && schedule.Kind == ScheduleKind.Nettlege)
        {
            return Error.Invalid("generated-schedule", "id", "Nettlege slots are generated from the municipality's pilot configuration.");
        }

        var now = time.GetUtcNow();
        var today = NorwegianTime.Today(time);
        var horizon = today.AddDays(SlotPlan.PublishingHorizonDays);
        var drafts = new List<SlotDraft>(request.Slots);
        if (request.Plan is { } plan)
        {
            // Checked before anything is computed from the days, so no date arithmetic can leave the calendar.
            if (plan.FirstDay < today)
            {
                return Error.Invalid("slot-in-past", "plan.firstDay", "Slots must start in the future.");
            }

            if (plan.LastDay > horizon)
            {
                return BeyondHorizon("plan.lastDay");
            }

            if (plan.Validate() is { } problem)
            {
                return Error.Invalid("invalid-slot-plan", problem.Field, problem.Detail);
            }

            drafts.AddRange(plan.Expand());
        }

        if (drafts.Count is 0 or > MaxSlots)
        {
            return Error.Invalid("slot-count", "slots", $"Publish 1 to {MaxSlots} slots at a time.");
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var field = i < request.Slots.Count ? $"slots[{i}]" : "plan";
            if (!schedule.Channels.Contains(draft.Channel))
            {
                return Error.Invalid("channel-not-offered", field + ".channel", $"This schedule offers {string.Join(", ", schedule.Channels.Select(c => c.Name()))}.");
            }

            if (draft.Start <= now)
            {
                return Error.Invalid("slot-in-past", field + ".start", "Slots must start in the future.");
            }

            if (draft.Start > NorwegianTime.ToUtc(horizon, TimeOnly.MinValue))
            {
                return BeyondHorizon(field + ".start");
            }

            if (draft.Length < TimeSpan.FromMinutes(5) || draft.Length > TimeSpan.FromHours(4) || draft.Start.Second != 0 || draft.Start.Millisecond != 0)
            {
                return Error.Invalid("invalid-slot", field, "A slot starts on a whole minute and lasts 5 to 240 minutes.");
            }

            if (draft.Sequence is < 0 or > 99)
            {
                return Error.Invalid("invalid-slot", field + ".sequence", "Use 0 to 99.");
            }
        }

        return Result.Ok(await schedules.PublishAsync(schedule.Id, drafts, cancellationToken));
    }

    private static Error BeyondHorizon(string field) => Error.Invalid(
        "slot-beyond-horizon", field, $"Slots are published at most {SlotPlan.PublishingHorizonDays} days ahead.");
}
