using CitizenServices.Domain.Errors;
namespace CitizenServices.Domain.Nettlege.Triage;

/// <summary>
/// What a triage request may contain. Unknown steps and codes are refused (a typo must not silently become a missing
/// answer); missing and contradictory answers are not errors: the evaluator decides them upwards.
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
}
