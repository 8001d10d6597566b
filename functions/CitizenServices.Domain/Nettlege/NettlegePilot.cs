namespace CitizenServices.Domain.Nettlege;

/// <summary>A link the citizen can follow for more about the service (the municipality's page, fee rules).</summary>
public sealed record InfoLink(string Title, Uri Url);

/// <summary>
/// One municipality's nettlege pilot as its administrator configured it. <see cref="ValidFrom"/> and
/// <see cref="ValidTo"/> are Europe/Oslo dates, both inclusive.
/// </summary>
public sealed record NettlegePilot(
    string Municipality,
    bool Enabled,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    OpeningHours OpeningHours,
    int SlotLengthMinutes,
    int ConsultationsPerHour,
    string FeeText,
    string OutOfHoursPhone,
    IReadOnlyList<InfoLink> InfoLinks)
{
    /// <summary>What the slot generator needs, in one place, so it never reads more of the configuration than this.</summary>
    public NettlegeSlotPlan SlotPlan => new(Municipality, Enabled, ValidFrom, ValidTo, OpeningHours, TimeSpan.FromMinutes(SlotLengthMinutes), ConsultationsPerHour);

    /// <summary>Value equality including the opening hours and links, so an unchanged PUT is recognised as such.</summary>
    public bool SameAs(NettlegePilot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { OpeningHours = OpeningHours.Default, InfoLinks = [] } == other with { OpeningHours = OpeningHours.Default, InfoLinks = [] }
            && OpeningHours.Days.SequenceEqual(other.OpeningHours.Days)
            && InfoLinks.SequenceEqual(other.InfoLinks);
    }
}

/// <summary>A stored version of a pilot: who changed it and when.</summary>
public sealed record NettlegePilotVersion(NettlegePilot Pilot, int Version, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// The inputs of video-slot generation, read from the pilot configuration: the opening hours (Europe/Oslo), the
/// length of one consultation slot and how many consultations the service takes per hour (parallel slots per start).
/// </summary>
public sealed record NettlegeSlotPlan(
    string Municipality,
    bool Enabled,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    OpeningHours OpeningHours,
    TimeSpan SlotLength,
    int ConsultationsPerHour);
