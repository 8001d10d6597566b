using CitizenServices.Application.Nettlege.Availability;

namespace CitizenServices.Application.Nettlege.Booking;

/// <summary>
/// The extra rule for a slot in a <see cref="ScheduleKind.Nettlege"/> schedule, plugged into booking as an
/// <see cref="IBookingRule"/> (checked by hold, book and reschedule after the ordinary booking rules): the subject lives
/// in the schedule's municipality, the <c>Nettlege</c> feature is on for them now, and their latest triage from the last
/// hours has the outcome <c>nettlege</c>. Any other schedule passes without a read.
/// </summary>
public sealed class NettlegeBookingPolicy(NettlegeAccess access) : IBookingRule
{
    /// <summary>Null when the subject may take a slot of <paramref name="schedule"/>; else the precise refusal.</summary>
    public async Task<Error?> CheckAsync(NationalIdentityNumber subject, Schedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Kind != ScheduleKind.Nettlege)
        {
            return null;
        }

        var availability = await access.AvailabilityAsync(subject, cancellationToken);
        if (!availability.Available)
        {
            return Error.Forbidden(
                "nettlege-not-available", null, $"Nettlege is not available for this person now ({availability.WhyNot}).");
        }

        if (await access.MunicipalityOfAsync(subject, cancellationToken) != schedule.Municipality)
        {
            return Error.Forbidden(
                "nettlege-other-municipality", null, $"This nettlege serves residents of municipality {schedule.Municipality} only.");
        }

        var latest = await access.LatestRecentTriageAsync(subject, cancellationToken);
        if (latest is null)
        {
            return Error.Invalid(
                "nettlege-triage-required", "triage",
                $"Answer the nettlege triage first: booking needs a triage with the outcome nettlege from the last {access.RecentTriageHours} hours.");
        }

        return latest.Result.Outcome == TriageOutcome.Nettlege
            ? null
            : Error.Invalid(
                "nettlege-triage-outcome", "triage",
                $"The latest triage has the outcome {latest.Result.Outcome.Code()}, not nettlege: follow its advice ({latest.Result.Advice.NextStep}).");
    }
}
