using CitizenServices.Application.Nettlege.Triage;

namespace CitizenServices.Application.Nettlege.Availability;

/// <summary>What the <c>Nettlege</c> feature gate is asked about: the person's registered municipality and its pilot.</summary>
public sealed record NettlegeFeatureContext(string Municipality, NettlegePilot? Pilot, DateTimeOffset Now);

/// <summary>
/// The <c>Nettlege</c> feature (Microsoft.FeatureManagement in the handler): on for a person whose municipality has an
/// enabled pilot within its period, and off for everyone when the feature is switched off in configuration.
/// </summary>
public interface INettlegeFeatureGate
{
    Task<bool> IsEnabledAsync(NettlegeFeatureContext context, CancellationToken cancellationToken);
}

/// <summary>Options of the nettlege service (configuration section <c>Nettlege</c>).</summary>
public sealed class NettlegeOptions
{
    public const string SectionName = "Nettlege";

    /// <summary>How long a <c>nettlege</c> triage outcome lets the person book (hours); symptoms change, so it is short.</summary>
    public int RecentTriageHours { get; set; } = 6;

    /// <summary>How many Europe/Oslo days ahead (today included) the housekeeping timer keeps video slots published.</summary>
    public int SlotDaysAhead { get; set; } = 14;
}

/// <summary>
/// The questions booking asks before a nettlege video slot may be booked, and the slot generator's inputs: is the
/// service available for this person now, does the person have a recent <c>nettlege</c> triage outcome, and what does
/// the municipality's pilot say about opening hours, slot length and capacity.
/// </summary>
public sealed class NettlegeAccess(
    IPopulationRegister register, INettlegePilotStore pilots, INettlegeFeatureGate feature, ITriageStore triage,
    NettlegeOptions options, TimeProvider time)
{
    /// <summary>Availability now for the person (the subject the policy enforcement point resolved).</summary>
    public async Task<NettlegeAvailability> AvailabilityAsync(NationalIdentityNumber subject, CancellationToken cancellationToken)
    {
        var person = await register.FindAsync(subject, cancellationToken);
        return person is null || person.IsDeceased
            ? new NettlegeAvailability(false, false, null, null, NettlegeUnavailableReasons.NotRegistered, null)
            : await MunicipalityAvailabilityAsync(person.MunicipalityNumber, cancellationToken);
    }

    /// <summary>
    /// What a registered, living resident of <paramref name="municipality"/> is told now: the decision
    /// <see cref="AvailabilityAsync"/> makes once it has found the person's municipality, and what the administrator who
    /// configures the pilot sees.
    /// </summary>
    public async Task<NettlegeAvailability> MunicipalityAvailabilityAsync(string municipality, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pilot = (await pilots.GetAsync(municipality, cancellationToken))?.Current.Pilot;
        var on = await feature.IsEnabledAsync(new NettlegeFeatureContext(municipality, pilot, now), cancellationToken);
        return NettlegeAvailability.Decide(pilot, on, now);
    }

    /// <summary>Is the <c>Nettlege</c> feature on for the person now (opening hours aside)?</summary>
    public async Task<bool> IsAvailableAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        (await AvailabilityAsync(subject, cancellationToken)).Available;

    /// <summary>
    /// The person's most recent triage within <see cref="NettlegeOptions.RecentTriageHours"/>, when its outcome is
    /// <c>nettlege</c>; null otherwise. A later triage with another outcome (say <c>emergency</c>) supersedes an
    /// earlier <c>nettlege</c>: the latest answers are the person's current state.
    /// </summary>
    public async Task<StoredTriage?> RecentNettlegeTriageAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        await LatestRecentTriageAsync(subject, cancellationToken) is { Result.Outcome: TriageOutcome.Nettlege } latest ? latest : null;

    /// <summary>The person's most recent triage within <see cref="NettlegeOptions.RecentTriageHours"/>, whatever its outcome; null when none.</summary>
    public Task<StoredTriage?> LatestRecentTriageAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        triage.LatestSinceAsync(subject, time.GetUtcNow().AddHours(-options.RecentTriageHours), cancellationToken);

    /// <summary>How many hours a triage counts for booking.</summary>
    public int RecentTriageHours => options.RecentTriageHours;

    /// <summary>The person's registered municipality, or null when not registered or deceased.</summary>
    public async Task<string?> MunicipalityOfAsync(NationalIdentityNumber subject, CancellationToken cancellationToken) =>
        await register.FindAsync(subject, cancellationToken) is { IsDeceased: false } person ? person.MunicipalityNumber : null;

    /// <summary>The slot generator's inputs from the municipality's current pilot, or null when it has none.</summary>
    public async Task<NettlegeSlotPlan?> SlotPlanAsync(string municipality, CancellationToken cancellationToken) =>
        (await pilots.GetAsync(municipality, cancellationToken))?.Current.Pilot.SlotPlan;
}
