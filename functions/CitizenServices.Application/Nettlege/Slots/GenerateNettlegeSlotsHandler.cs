using CitizenServices.Application.Booking.Slots;
using CitizenServices.Application.Nettlege.Availability;

namespace CitizenServices.Application.Nettlege.Slots;

/// <summary>What one generation run did.</summary>
/// <param name="Refused">Municipalities whose slots could not be published, each with the reason (for the log).</param>
public sealed record NettlegeSlotRun(int Pilots, int Published, int AlreadyPublished, IReadOnlyList<string> Refused);

/// <summary>
/// Keeps every enabled pilot's video slots published <see cref="NettlegeOptions.SlotDaysAhead"/> Oslo days ahead (run by
/// the housekeeping timer). Idempotent: a slot's id is its start and sequence, so a second run publishes nothing new and
/// never touches a hold or booking. The schedule is created (or put back) first; publishing goes through the same
/// <see cref="PublishSlotsHandler"/> as a provider's, as the system (no caller municipality). A disabled pilot gets no
/// new slots; slots already published stay, and booking them is refused while the feature is off for the person.
/// </summary>
public sealed class GenerateNettlegeSlotsHandler(
    INettlegePilotStore pilots, IScheduleStore schedules, PublishSlotsHandler publish, NettlegeOptions options, TimeProvider time)
{
    public async Task<NettlegeSlotRun> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = NorwegianTime.Today(time);
        var lastDay = today.AddDays(options.SlotDaysAhead - 1);
        var (count, published, already, refused) = (0, 0, 0, new List<string>());
        foreach (var pilot in (await pilots.ListCurrentAsync(cancellationToken)).Select(v => v.Pilot).Where(p => p.Enabled))
        {
            count++;
            var slots = NettlegeSchedule.Slots(pilot.SlotPlan, today, lastDay).Where(s => s.Start > now).ToList();
            if (slots.Count == 0)
            {
                continue;
            }

            var existing = await schedules.FindAsync(NettlegeSchedule.IdFor(pilot.Municipality), cancellationToken);
            if (existing is not null && existing.Kind != ScheduleKind.Nettlege)
            {
                refused.Add($"{pilot.Municipality}: schedule {existing.Id} exists and is not a nettlege schedule");
                continue;
            }

            if (existing is null || !NettlegeSchedule.IsCurrent(existing, pilot.Municipality))
            {
                await schedules.SaveAsync(NettlegeSchedule.For(pilot.Municipality), cancellationToken);
            }

            // One range read, so an hourly run that finds everything published writes nothing (instead of one refused add per slot).
            var scheduleId = NettlegeSchedule.IdFor(pilot.Municipality);
            var there = (await schedules.ListSlotsAsync(scheduleId, slots[0].Start, slots[^1].Start.AddTicks(1), cancellationToken))
                .Select(s => s.Slot.Id).ToHashSet(StringComparer.Ordinal);
            var missing = slots.Where(s => !there.Contains(s.Id)).ToList();
            already += slots.Count - missing.Count;
            foreach (var chunk in missing.Chunk(PublishSlotsHandler.MaxSlots))
            {
                var result = await publish.HandleAsync(
                    new PublishSlotsRequest(scheduleId, null, chunk, null), cancellationToken);
                if (result.Error is { } error)
                {
                    refused.Add($"{pilot.Municipality}: {error.Code} ({error.Detail})");
                    break;
                }

                published += result.Value.Published;
                already += result.Value.AlreadyPublished;
            }
        }

        return new NettlegeSlotRun(count, published, already, refused);
    }
}
