namespace CitizenServices.Domain.Nettlege.Triage;

/// <summary>
/// Where triage sends a person, ordered by the level of care from least to most: a higher value is the safer answer
/// when the answers leave a doubt. <see cref="RegularGp"/> ranks above <see cref="Nettlege"/> because nettlege is a
/// narrower service (video only, no examination, no tests, no history): when it is unclear whether a problem fits
/// nettlege, the person's own GP is the safer place.
/// </summary>
public enum TriageOutcome
{
    SelfCare = 0,
    Nettlege = 1,
    RegularGp = 2,
    OutOfHours = 3,
    Emergency = 4,
}

public static class TriageOutcomes
{
    public static string Code(this TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.SelfCare => "self-care",
        TriageOutcome.Nettlege => "nettlege",
        TriageOutcome.RegularGp => "regular-gp",
        TriageOutcome.OutOfHours => "out-of-hours",
        TriageOutcome.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static TriageOutcome? Parse(string? code) => code switch
    {
        "self-care" => TriageOutcome.SelfCare,
        "nettlege" => TriageOutcome.Nettlege,
        "regular-gp" => TriageOutcome.RegularGp,
        "out-of-hours" => TriageOutcome.OutOfHours,
        "emergency" => TriageOutcome.Emergency,
        _ => null,
    };

    public static TriageOutcome Max(TriageOutcome a, TriageOutcome b) => a >= b ? a : b;
}
