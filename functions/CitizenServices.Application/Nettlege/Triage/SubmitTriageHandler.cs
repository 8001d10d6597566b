namespace CitizenServices.Application.Nettlege.Triage;

public sealed record SubmitTriageRequest(
    NationalIdentityNumber Subject, NationalIdentityNumber Actor, int QuestionnaireVersion, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers);

/// <summary>
/// Evaluates a triage for the subject with the questionnaire version the answers were given to, at the subject's age
/// (from the birth date in the number, on today's Europe/Oslo date), and stores the result with the version, answers and
/// reasons. Unknown and unanswered steps are refused and nothing is stored. Triage is open to everyone, pilot or not: emergency advice must never depend on where one lives.
/// </summary>
public sealed class SubmitTriageHandler(IQuestionnaireCatalog questionnaires, ITriageStore store, TimeProvider time)
{
    /// <returns>The stored triage, or every problem of the request (nothing stored then).</returns>
    public async Task<Result<StoredTriage>> HandleAsync(SubmitTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (questionnaires.Find(request.QuestionnaireVersion) is not { } questionnaire)
        {
            return Error.Invalid("unknown-questionnaire-version", "questionnaireVersion",
                $"No questionnaire version {request.QuestionnaireVersion}; the current one is {questionnaires.Current.Version}.");
        }

        var problems = TriageAnswerRules.Validate(questionnaire, request.Answers);
        if (problems.Count > 0)
        {
            return Error.Invalid(problems);
        }

        var ageMonths = TriageEvaluator.AgeInMonths(request.Subject.BirthDate, NorwegianTime.Today(time));
        var unanswered = TriageAnswerRules.Unanswered(questionnaire, request.Answers, ageMonths);
        if (unanswered.Count > 0)
        {
            return Error.Invalid(unanswered);
        }

        var result = TriageEvaluator.Evaluate(questionnaire, request.Answers, ageMonths);
        var triage = new StoredTriage(Guid.NewGuid(), request.Subject, request.Actor, time.GetUtcNow(), request.Answers, result);
        await store.SaveAsync(triage, cancellationToken);
        return triage;
    }
}
