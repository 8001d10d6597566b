namespace CitizenServices.Domain.Nettlege.Triage;

/// <summary>Why triage ended where it did: a concept answered, a missing or contradictory step, or an age rule.</summary>
public sealed record TriageReason(string Kind, string Code, string? Answer = null)
{
    public const string ConceptKind = "concept";
    public const string MissingKind = "missing-answer";
    public const string ContradictoryKind = "contradictory-answer";
    public const string AgeRuleKind = "age-rule";
}

/// <summary>The outcome of one triage, with the questionnaire version it was decided by, its reasons and advice.</summary>
public sealed record TriageResult(int QuestionnaireVersion, TriageOutcome Outcome, IReadOnlyList<TriageReason> Reasons, TriageAdvice Advice);

/// <summary>
/// Triage as a pure function of a questionnaire, the answers and the person's age (no clock, no I/O), so it can be
/// tested rule by rule and benchmarked.
/// </summary>
/// <remarks>
/// Steps are decided in the questionnaire's order and the first step that leads to an outcome decides; the red-flag
/// checklist is first, so any red flag wins. A step left unanswered, or answered both ways ("none of these" with a
/// symptom, or yes and no), is decided <b>upwards</b>: both ways are followed and the higher level of care is taken.
/// Evaluating from the last step backwards makes that linear in the number of steps, however many are missing.
/// Age rules then raise (never lower) the outcome.
/// </remarks>
public static class TriageEvaluator
{
    /// <summary>
    /// Answers are per step id: the chosen concept codes of a checklist or <c>none-of-these</c>; <c>yes</c> or <c>no</c>
    /// for a yes/no step. Codes the step does not offer, and questions that do not apply at this age, are ignored
    /// (<see cref="TriageAnswerRules.Validate"/> refuses unknown codes before a result is stored).
    /// </summary>
    public static TriageResult Evaluate(Questionnaire questionnaire, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, int ageMonths)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);

        var next = new Decision(questionnaire.WhenAllContinue, []);
        for (var i = questionnaire.Steps.Count - 1; i >= 0; i--)
        {
            var step = questionnaire.Steps[i];
            var given = answers.TryGetValue(step.Id, out var codes) ? codes : [];
            next = step.Kind == TriageStepKind.Checklist
                ? DecideChecklist(step, given, ageMonths, next)
                : DecideYesNo(step, given, ageMonths, next);
        }

        var outcome = next.Outcome;
        var reasons = next.Reasons.ToList();
        foreach (var rule in questionnaire.AgeRules)
        {
            if (ageMonths < rule.UnderAgeMonths && outcome < rule.AtLeast)
            {
                outcome = rule.AtLeast;
                reasons.Add(new TriageReason(TriageReason.AgeRuleKind, rule.Id));
            }
        }

        return new TriageResult(questionnaire.Version, outcome, reasons, questionnaire.Advice[outcome]);
    }

    /// <summary>
    /// Whole months from a birth date to a date. Like a 29 February birthday in a common year, a month day that the
    /// month lacks (born on the 31st, a 30-day month) is reached on the 1st of the next month.
    /// </summary>
    public static int AgeInMonths(DateOnly birthDate, DateOnly on)
    {
        var months = ((on.Year - birthDate.Year) * 12) + on.Month - birthDate.Month;
        return on.Day < birthDate.Day ? months - 1 : months;
    }

    private static Decision DecideChecklist(TriageStep step, IReadOnlyList<string> given, int ageMonths, Decision next)
    {
        var applicable = step.Questions.Where(q => q.AppliesTo(ageMonths)).ToList();
        if (applicable.Count == 0)
        {
            // Nothing in it is asked at this age.
            return next;
        }

        var chosen = applicable.Where(q => given.Contains(q.Concept)).Select(q => new TriageReason(TriageReason.ConceptKind, q.Concept)).ToList();
        var none = given.Contains(TriageStep.NoneOfThese);
        var yes = new Decision(step.IfYes.Outcome ?? next.Outcome, chosen);
        return (chosen.Count > 0, none) switch
        {
            (true, false) => yes,
            (false, true) => next,
            (true, true) => Higher(yes, next, new TriageReason(TriageReason.ContradictoryKind, step.Id)),
            _ => Higher(yes, next, new TriageReason(TriageReason.MissingKind, step.Id)),
        };
    }

    private static Decision DecideYesNo(TriageStep step, IReadOnlyList<string> given, int ageMonths, Decision next)
    {
        var question = step.Questions[0];
        if (!question.AppliesTo(ageMonths))
        {
            return next;
        }

        Decision Follow(TriageBranch branch, string answer) => branch.Outcome is { } outcome
            ? new Decision(outcome, [new TriageReason(TriageReason.ConceptKind, question.Concept, answer)])
            : next;

        var yes = Follow(step.IfYes, TriageStep.Yes);
        var no = Follow(step.IfNo, TriageStep.No);
        return (given.Contains(TriageStep.Yes), given.Contains(TriageStep.No)) switch
        {
            (true, false) => yes,
            (false, true) => no,
            (true, true) => Higher(yes, no, new TriageReason(TriageReason.ContradictoryKind, step.Id)),
            _ => Higher(yes, no, new TriageReason(TriageReason.MissingKind, step.Id)),
        };
    }

    // Fail upwards: the higher level of care, the first on a tie; the doubt itself is the first reason.
    private static Decision Higher(Decision first, Decision second, TriageReason doubt)
    {
        var higher = second.Outcome > first.Outcome ? second : first;
        return new Decision(higher.Outcome, [doubt, .. higher.Reasons]);
    }

    private sealed record Decision(TriageOutcome Outcome, IReadOnlyList<TriageReason> Reasons);
}
