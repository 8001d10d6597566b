namespace CitizenServices.UnitTests.Nettlege;

/// <summary>
/// Rule: an incomplete questionnaire is refused naming every unanswered step on the way to a decision; complete answers are
/// evaluated as before. Exhaustively over questionnaire v1: the steps the rule does not ask for never change the outcome, so
/// refusing incomplete answers cannot make a complete questionnaire end at a lower level of care.
/// </summary>
public sealed class TriageCompletenessTests
{
    private const int Adult = 40 * 12;
    private const int Infant = 2;
    private static readonly Questionnaire Q = QuestionnaireFile.Load();

    private static List<string> Unanswered(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, int ageMonths = Adult) =>
        TriageAnswerRules.Unanswered(Q, answers, ageMonths).Select(p => p.Field).ToList();

    private static Dictionary<string, IReadOnlyList<string>> Answers(params (string Step, string[] Codes)[] steps) =>
        steps.ToDictionary(s => s.Step, s => (IReadOnlyList<string>)s.Codes);

    [Fact]
    public void Unanswered_WhenNothingIsAnswered_NamesEveryStepInOrder() =>
        Assert.Equal(
            ["answers.red-flags", "answers.urgent", "answers.not-for-nettlege", "answers.self-care", "answers.own-gp"],
            Unanswered(Answers()));

    [Fact]
    public void Unanswered_WhenTheRedFlagStepIsMissing_NamesItEvenIfALaterStepDecides() =>
        Assert.Equal(["answers.red-flags"], Unanswered(Answers(("urgent", ["severe-pain"]))));

    [Fact]
    public void Unanswered_WhenARedFlagIsChosen_IsCompleteWithoutTheLaterSteps() =>
        Assert.Empty(Unanswered(Answers(("red-flags", ["chest-pain"]))));

    [Fact]
    public void Unanswered_WhenARedFlagIsChosenTogetherWithNoneOfThese_IsCompleteBecauseTheContradictionResolvesToEmergency() =>
        Assert.Empty(Unanswered(Answers(("red-flags", ["chest-pain", "none-of-these"]))));

    [Fact]
    public void Unanswered_WhenAnUrgentSymptomIsChosenWithNoneOfThese_NeedsTheRestToWeighTheContradiction() =>
        Assert.Equal(
            ["answers.not-for-nettlege", "answers.self-care", "answers.own-gp"],
            Unanswered(Answers(("red-flags", ["none-of-these"]), ("urgent", ["severe-pain", "none-of-these"]))));

    [Fact]
    public void Unanswered_WhenAChecklistIsAnsweredWithAnEmptyList_NamesIt() =>
        Assert.Contains("answers.red-flags", Unanswered(Answers(("red-flags", []), ("urgent", ["severe-pain"]))));

    [Fact]
    public void Unanswered_WhenTheOnlyConceptChosenDoesNotApplyAtThisAge_NamesTheStep() =>
        Assert.Equal(
            ["answers.urgent", "answers.not-for-nettlege", "answers.self-care", "answers.own-gp"],
            Unanswered(Answers(("red-flags", ["none-of-these"]), ("urgent", ["infant-fever"]))));

    [Fact]
    public void Unanswered_WhenSelfCareIsAnsweredBothWays_NeedsOwnGpBecauseOneReadingContinues() =>
        Assert.Equal(
            ["answers.own-gp"],
            Unanswered(Answers(("red-flags", ["none-of-these"]), ("urgent", ["none-of-these"]), ("not-for-nettlege", ["none-of-these"]), ("self-care", ["yes", "no"]))));

    [Fact]
    public void Unanswered_WhenMildAndSelfLimiting_IsCompleteWithoutOwnGp() =>
        Assert.Empty(Unanswered(Answers(
            ("red-flags", ["none-of-these"]), ("urgent", ["none-of-these"]), ("not-for-nettlege", ["none-of-these"]), ("self-care", ["yes"]))));

    [Fact]
    public void Unanswered_WhenEveryStepIsAnswered_IsEmpty() =>
        Assert.Empty(Unanswered(TriageEvaluatorTests.NettlegeAnswers()));

    [Fact]
    public void Unanswered_WhenOnlyTheLastStepIsMissing_NamesOnlyIt() =>
        Assert.Equal(["answers.own-gp"], Unanswered(Answers(
            ("red-flags", ["none-of-these"]), ("urgent", ["none-of-these"]), ("not-for-nettlege", ["none-of-these"]), ("self-care", ["no"]))));

    [Theory]
    [InlineData(Adult)]
    [InlineData(Infant)]
    public void Evaluate_WhenAnswersAreComplete_StepsNotAskedForNeverChangeTheOutcome(int ageMonths)
    {
        var checkedSets = 0;
        foreach (var answers in AllAnswerSets())
        {
            if (TriageAnswerRules.Unanswered(Q, answers, ageMonths).Count > 0)
            {
                continue;
            }

            checkedSets++;
            var outcome = TriageEvaluator.Evaluate(Q, answers, ageMonths).Outcome;
            foreach (var step in Q.Steps.Where(s => !answers.ContainsKey(s.Id)))
            {
                foreach (var option in Options(step))
                {
                    var filled = new Dictionary<string, IReadOnlyList<string>>(answers) { [step.Id] = option };
                    Assert.Equal(outcome, TriageEvaluator.Evaluate(Q, filled, ageMonths).Outcome);
                }
            }
        }

        Assert.True(checkedSets > 1000, $"only {checkedSets} complete answer sets were checked");
    }

    [Theory]
    [InlineData(Adult)]
    [InlineData(Infant)]
    public void Unanswered_WhenAnswersAreIncomplete_NamesOnlyStepsThatWereNotAnswered(int ageMonths)
    {
        foreach (var answers in AllAnswerSets())
        {
            foreach (var problem in TriageAnswerRules.Unanswered(Q, answers, ageMonths))
            {
                Assert.Equal("unanswered-question", problem.Code);
                var step = problem.Field["answers.".Length..];
                var given = answers.TryGetValue(step, out var codes) ? codes : [];
                var applicable = Q.Step(step)!.Questions.Where(q => q.AppliesTo(ageMonths)).Select(q => q.Concept);
                Assert.DoesNotContain(given, c => c is TriageStep.NoneOfThese or TriageStep.Yes or TriageStep.No || applicable.Contains(c));
            }
        }
    }

    /// <summary>Every step absent or answered one of its ways (each concept alone, none of these, a contradiction).</summary>
    private static IEnumerable<Dictionary<string, IReadOnlyList<string>>> AllAnswerSets()
    {
        IEnumerable<Dictionary<string, IReadOnlyList<string>>> sets = [new Dictionary<string, IReadOnlyList<string>>()];
        foreach (var step in Q.Steps)
        {
            var options = Options(step).Cast<IReadOnlyList<string>?>().Prepend(null).ToList();
            sets = sets.SelectMany(set => options.Select(option =>
            {
                var next = new Dictionary<string, IReadOnlyList<string>>(set);
                if (option is not null)
                {
                    next[step.Id] = option;
                }

                return next;
            }));
        }

        return sets;
    }

    private static IEnumerable<IReadOnlyList<string>> Options(TriageStep step) => step.Kind == TriageStepKind.Checklist
        ? step.Questions.Select(q => (IReadOnlyList<string>)[q.Concept])
            .Append([TriageStep.NoneOfThese])
            .Append([step.Questions[0].Concept, TriageStep.NoneOfThese])
        : [[TriageStep.Yes], [TriageStep.No], [TriageStep.Yes, TriageStep.No]];
}
