namespace CitizenServices.Domain.Nettlege.Triage;

/// <summary>
/// What a triage request may contain. Unknown steps and codes are refused (a typo must not silently become a missing
/// answer), and so is a questionnaire left incomplete (<see cref="Unanswered"/>): a client that skipped a step has a bug,
/// and answering it with the emergency advice that a missing step resolves to would send a citizen to 113 for it.
/// Contradictory answers are not errors: the evaluator decides them upwards.
/// </summary>
public static class TriageAnswerRules
{
    public static IReadOnlyList<FieldError> Validate(Questionnaire questionnaire, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var problems = new List<FieldError>();
        foreach (var (stepId, codes) in answers)
        {
            var field = $"answers.{stepId}";
            if (questionnaire.Step(stepId) is not { } step)
            {
                problems.Add(new("unknown-step", field, $"Questionnaire version {questionnaire.Version} has no step '{stepId}'."));
                continue;
            }

            var offered = step.Kind == TriageStepKind.Checklist
                ? step.Questions.Select(q => q.Concept).Append(TriageStep.NoneOfThese)
                : [TriageStep.Yes, TriageStep.No];
            for (var i = 0; i < codes.Count; i++)
            {
                if (!offered.Contains(codes[i]))
                {
                    problems.Add(new("unknown-answer", $"{field}[{i}]", $"Step '{stepId}' offers {string.Join(", ", offered)}."));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The steps a person of <paramref name="ageMonths"/> months must still answer before the answers decide, in the
    /// questionnaire's order, each as problem <c>unanswered-question</c> naming <c>answers.{stepId}</c>. Empty when the
    /// answers are complete.
    /// </summary>
    /// <remarks>
    /// Walks the steps as they are asked. A step that does not apply at this age is skipped. A step is unanswered when it
    /// has neither one of its (applicable) concepts nor <c>none-of-these</c>, or neither <c>yes</c> nor <c>no</c>. A
    /// consistent answer that leads to an outcome ends the walk: the steps after it are never asked. A contradictory answer
    /// ends it only when every way of reading it leads to an outcome, or a checklist's symptom leads to the highest one;
    /// otherwise the evaluator weighs it against the rest of the questionnaire, so the rest must be answered too. An
    /// unanswered step does not end it: every unanswered step on the way is named, so the client can ask them all at once.
    /// Complete answers are evaluated exactly as before, so the outcome of a complete questionnaire never changes.
    /// </remarks>
    public static IReadOnlyList<FieldError> Unanswered(
        Questionnaire questionnaire, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, int ageMonths)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var highest = Enum.GetValues<TriageOutcome>().Max();
        var problems = new List<FieldError>();
        foreach (var step in questionnaire.Steps)
        {
            var given = answers.TryGetValue(step.Id, out var codes) ? codes : [];
            var applicable = step.Questions.Where(q => q.AppliesTo(ageMonths)).ToList();
            if (applicable.Count == 0)
            {
                continue;
            }

            bool decided;
            if (step.Kind == TriageStepKind.Checklist)
            {
                var chosen = applicable.Any(q => given.Contains(q.Concept));
                var none = given.Contains(TriageStep.NoneOfThese);
                if (!chosen && !none)
                {
                    problems.Add(new("unanswered-question", $"answers.{step.Id}",
                        $"Step '{step.Id}' is not answered: choose what applies, or {TriageStep.NoneOfThese}."));
                    continue;
                }

                decided = chosen && step.IfYes.Outcome is { } outcome && (!none || outcome == highest);
            }
            else
            {
                var yes = given.Contains(TriageStep.Yes);
                var no = given.Contains(TriageStep.No);
                if (!yes && !no)
                {
                    problems.Add(new("unanswered-question", $"answers.{step.Id}",
                        $"Step '{step.Id}' is not answered: answer {TriageStep.Yes} or {TriageStep.No}."));
                    continue;
                }

                decided = (!yes || !step.IfYes.IsContinue) && (!no || !step.IfNo.IsContinue);
            }

            if (decided)
            {
                break;
            }
        }

        return problems;
    }
}
