namespace CitizenServices.Domain.Nettlege;

/// <summary>
/// Whether nettlege is offered to a person now: <see cref="Available"/> (the <c>Nettlege</c> feature is on for them),
/// <see cref="OpenNow"/> (within today's opening hours), the current opening's end, the next opening's start, and
/// <see cref="WhyNot"/> (a <see cref="NettlegeUnavailableReasons"/> code) when it is not available.
/// </summary>
public sealed record NettlegeAvailability(
    bool Available,
    bool OpenNow,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? NextOpening,
    string? WhyNot,
    NettlegePilot? Pilot)
{
    /// <summary>
    /// Combines the feature decision with the pilot's opening hours at <paramref name="now"/>. When the pilot has not
    /// started yet, the next opening is its first one, so the citizen learns when to come back; after the period, for
    /// a disabled pilot or without one, there is none.
    /// </summary>
    public static NettlegeAvailability Decide(NettlegePilot? pilot, bool featureOn, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(NorwegianTime.ToOslo(now).DateTime);
        var whyNot = NettlegePilotRules.WhyNotOffered(pilot, today) ?? (featureOn ? null : NettlegeUnavailableReasons.FeatureOff);
        if (pilot is null || whyNot is not null and not NettlegeUnavailableReasons.BeforePeriod)
        {
            return new(false, false, null, null, whyNot, pilot);
        }

        if (whyNot is NettlegeUnavailableReasons.BeforePeriod)
        {
            var dayBefore = NorwegianTime.ToUtc(pilot.ValidFrom, TimeOnly.MinValue).AddTicks(-1);
            return new(false, false, null, pilot.OpeningHours.NextOpeningAfter(dayBefore, pilot.ValidTo), whyNot, pilot);
        }

        var open = pilot.OpeningHours.IsOpenAt(now);
        var closesAt = open ? pilot.OpeningHours.On(today)?.End : null;
        return new(true, open, closesAt, pilot.OpeningHours.NextOpeningAfter(now, pilot.ValidTo), null, pilot);
    }
}
