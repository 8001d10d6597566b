namespace CitizenServices.Domain.Nettlege.Triage;

/// <summary>How a step is asked: a checklist with an explicit "none of these", or a single yes/no question.</summary>
public enum TriageStepKind
{
    Checklist,
    YesNo,
}

/// <summary>
/// One question: the <see cref="Concept"/> it asks about (a stable code such as <c>chest-pain</c>), its text, and
/// for whom it applies by age in whole months (<see cref="UnderAgeMonths"/> exclusive, e.g. 3 for "under 3 months").
/// </summary>
public sealed record TriageQuestion(string Concept, string Text, int? UnderAgeMonths = null, int? FromAgeMonths = null)
{
    public bool AppliesTo(int ageMonths) =>
        (UnderAgeMonths is not int under || ageMonths < under) && (FromAgeMonths is not int from || ageMonths >= from);
}

/// <summary>
/// Where an answer leads: to an outcome, or on to the next step (<see cref="Outcome"/> null).
/// </summary>
public readonly record struct TriageBranch(TriageOutcome? Outcome)
{
    public static TriageBranch Continue => default;

    public bool IsContinue => Outcome is null;
}

/// <summary>
/// A step of the questionnaire. A checklist leads to <see cref="IfYes"/> when any of its questions is chosen and
/// goes on when "none of these" is chosen. A yes/no step has exactly one question and leads to <see cref="IfYes"/> or
/// <see cref="IfNo"/>.
/// </summary>
public sealed record TriageStep(string Id, TriageStepKind Kind, string Text, IReadOnlyList<TriageQuestion> Questions, TriageBranch IfYes, TriageBranch IfNo)
{
    /// <summary>The answer code that says "none of these" in a checklist.</summary>
    public const string NoneOfThese = "none-of-these";

    public const string Yes = "yes";
    public const string No = "no";
}

/// <summary>An age rule: for a person under <see cref="UnderAgeMonths"/> months, the outcome is at least <see cref="AtLeast"/>.</summary>
public sealed record TriageAgeRule(string Id, int UnderAgeMonths, TriageOutcome AtLeast, string Text);

/// <summary>What the person is told for an outcome, and the next step they can take.</summary>
public sealed record TriageAdvice(string Advice, string NextStep);

/// <summary>
/// A version of the triage questionnaire and its rules, as data: steps in the order they are asked (red flags first),
/// age rules, and the advice per outcome. Immutable once published: a change is a new version.
/// </summary>
public sealed record Questionnaire(
    int Version,
    string Title,
    IReadOnlyList<TriageStep> Steps,
    TriageOutcome WhenAllContinue,
    IReadOnlyList<TriageAgeRule> AgeRules,
    IReadOnlyDictionary<TriageOutcome, TriageAdvice> Advice)
{
    /// <summary>Every concept the questionnaire asks about, in order.</summary>
    public IEnumerable<string> Concepts => Steps.SelectMany(s => s.Questions).Select(q => q.Concept);

    public TriageStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
}
