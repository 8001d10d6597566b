namespace CitizenServices.UnitTests.Nettlege;

/// <summary>
/// The triage rules on the committed questionnaire (version 1): each concept and outcome, red flags first, any red flag
/// wins, missing or contradictory answers resolve upwards, age-dependent outcomes.
/// </summary>
public sealed class TriageEvaluatorTests
{
    private const int Adult = 40 * 12;
    private static readonly Questionnaire Q = QuestionnaireFile.Load();

    /// <summary>Answers that lead to nettlege: none of the red flags, urgent or not-for-nettlege items; not mild; no timely GP.</summary>
    internal static Dictionary<string, IReadOnlyList<string>> NettlegeAnswers() => new()
    {
        ["red-flags"] = ["none-of-these"],
        ["urgent"] = ["none-of-these"],
        ["not-for-nettlege"] = ["none-of-these"],
        ["self-care"] = ["no"],
        ["own-gp"] = ["no"],
    };

    private static Dictionary<string, IReadOnlyList<string>> With(string step, params string[] codes)
    {
        var answers = NettlegeAnswers();
        answers[step] = codes;
        return answers;
    }

    private static Dictionary<string, IReadOnlyList<string>> Without(string step)
    {
        var answers = NettlegeAnswers();
        answers.Remove(step);
        return answers;
    }

    private static TriageResult Evaluate(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, int ageMonths = Adult) =>
        TriageEvaluator.Evaluate(Q, answers, ageMonths);

    [Fact]
    public void Evaluate_WhenNothingIsWrongAndNoTimelyGp_IsNettlege()
    {
        var result = Evaluate(NettlegeAnswers());

        Assert.Equal(TriageOutcome.Nettlege, result.Outcome);
        Assert.Equal("book-nettlege", result.Advice.NextStep);
        Assert.Equal(1, result.QuestionnaireVersion);
        Assert.Equal(new TriageReason("concept", "timely-gp-appointment", "no"), Assert.Single(result.Reasons));
    }

    // Every checklist concept of issue 9 (QuestionnaireTests.RequiredConcepts), except infant-fever, which has its own age tests.
    public static TheoryData<string, string, TriageOutcome> ChecklistConcepts()
    {
        var data = new TheoryData<string, string, TriageOutcome>();
        foreach (var row in QuestionnaireTests.RequiredConcepts)
        {
            var (step, concept, outcome) = ((string)row[0], (string)row[1], (TriageOutcome)row[2]);
            if (step != "own-gp" && concept != "infant-fever")
            {
                data.Add(step, concept, outcome);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChecklistConcepts))]
    public void Evaluate_WhenAChecklistConceptIsChosen_LeadsToItsStepsOutcomeWithItsAdvice(string step, string concept, TriageOutcome outcome)
    {
        var result = Evaluate(With(step, concept));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(Q.Advice[outcome], result.Advice);
        Assert.Equal(new TriageReason("concept", concept), Assert.Single(result.Reasons));
    }

    [Theory]
    [InlineData(TriageOutcome.Emergency, "call-113")]
    [InlineData(TriageOutcome.OutOfHours, "call-out-of-hours")]
    [InlineData(TriageOutcome.RegularGp, "contact-regular-gp")]
    [InlineData(TriageOutcome.Nettlege, "book-nettlege")]
    [InlineData(TriageOutcome.SelfCare, "self-care-advice")]
    public void Advice_WhenEachOutcome_NamesItsNextStep(TriageOutcome outcome, string nextStep) =>
        Assert.Equal(nextStep, Q.Advice[outcome].NextStep);

    [Fact]
    public void Evaluate_WhenOwnGpCanSeeThemInTime_IsRegularGp() =>
        Assert.Equal(TriageOutcome.RegularGp, Evaluate(With("own-gp", "yes")).Outcome);

    [Fact]
    public void Evaluate_WhenTheProblemIsMildAndSelfLimiting_IsSelfCare()
    {
        var result = Evaluate(With("self-care", "yes"));

        Assert.Equal(TriageOutcome.SelfCare, result.Outcome);
        Assert.Equal("self-care-advice", result.Advice.NextStep);
        Assert.Equal(new TriageReason("concept", "mild-self-limiting", "yes"), Assert.Single(result.Reasons));
    }

    [Fact]
    public void Evaluate_WhenARedFlagComesWithEverythingElse_RedFlagWins()
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>
        {
            ["red-flags"] = ["seizure"],
            ["urgent"] = ["severe-pain", "dehydration"],
            ["not-for-nettlege"] = ["needs-sick-note"],
            ["self-care"] = ["yes"],
            ["own-gp"] = ["yes"],
        };

        var result = Evaluate(answers);

        Assert.Equal(TriageOutcome.Emergency, result.Outcome);
        Assert.Equal([new TriageReason("concept", "seizure")], result.Reasons);
    }

    [Fact]
    public void Evaluate_WhenUrgentAndNotForNettlegeBothApply_UrgentWins() =>
        Assert.Equal(TriageOutcome.OutOfHours, Evaluate(new Dictionary<string, IReadOnlyList<string>>(With("urgent", "severe-pain"))
        {
            ["not-for-nettlege"] = ["needs-tests"],
            ["self-care"] = ["yes"],
        }).Outcome);

    [Fact]
    public void Evaluate_WhenRedFlagsAreNotAnswered_ResolvesUpwardsToEmergency()
    {
        var result = Evaluate(Without("red-flags"));

        Assert.Equal(TriageOutcome.Emergency, result.Outcome);
        Assert.Equal(new TriageReason("missing-answer", "red-flags"), result.Reasons[0]);
    }

    [Fact]
    public void Evaluate_WhenNoneOfTheseIsChosenWithARedFlag_ResolvesUpwardsToEmergency()
    {
        var result = Evaluate(With("red-flags", "none-of-these", "chest-pain"));

        Assert.Equal(TriageOutcome.Emergency, result.Outcome);
        Assert.Equal([new TriageReason("contradictory-answer", "red-flags"), new TriageReason("concept", "chest-pain")], result.Reasons);
    }

    [Fact]
    public void Evaluate_WhenNothingIsAnswered_IsEmergency() =>
        Assert.Equal(TriageOutcome.Emergency, Evaluate(new Dictionary<string, IReadOnlyList<string>>()).Outcome);

    [Fact]
    public void Evaluate_WhenRedFlagsAreExplicitlyNoneButUrgentIsMissing_ResolvesUpwardsToOutOfHours() =>
        Assert.Equal(TriageOutcome.OutOfHours, Evaluate(Without("urgent")).Outcome);

    [Fact]
    public void Evaluate_WhenNotForNettlegeIsMissing_ResolvesUpwardsToRegularGp() =>
        Assert.Equal(TriageOutcome.RegularGp, Evaluate(Without("not-for-nettlege")).Outcome);

    [Fact]
    public void Evaluate_WhenNotForNettlegeIsContradictory_ResolvesUpwardsToRegularGp() =>
        Assert.Equal(TriageOutcome.RegularGp, Evaluate(With("not-for-nettlege", "none-of-these", "needs-tests")).Outcome);

    [Fact]
    public void Evaluate_WhenMildIsMissing_NeverResolvesToSelfCare()
    {
        var result = Evaluate(Without("self-care"));

        Assert.Equal(TriageOutcome.Nettlege, result.Outcome);
        Assert.Equal(new TriageReason("missing-answer", "self-care"), result.Reasons[0]);
    }

    [Fact]
    public void Evaluate_WhenMildIsAnsweredBothYesAndNo_NeverResolvesToSelfCare() =>
        Assert.Equal(TriageOutcome.Nettlege, Evaluate(With("self-care", "yes", "no")).Outcome);

    [Fact]
    public void Evaluate_WhenOwnGpIsMissing_ResolvesUpwardsToRegularGp() =>
        Assert.Equal(TriageOutcome.RegularGp, Evaluate(Without("own-gp")).Outcome);

    [Fact]
    public void Evaluate_WhenOwnGpIsAnsweredBothYesAndNo_ResolvesUpwardsToRegularGp()
    {
        var result = Evaluate(With("own-gp", "yes", "no"));

        Assert.Equal(TriageOutcome.RegularGp, result.Outcome);
        Assert.Equal(new TriageReason("contradictory-answer", "own-gp"), result.Reasons[0]);
    }

    [Fact]
    public void Evaluate_WhenOnlySomeRedFlagsAreDeniedWithoutNoneOfThese_ResolvesUpwards() =>
        // Unchosen items are not a "no": only the explicit "none of these" is.
        Assert.Equal(TriageOutcome.Emergency, Evaluate(With("red-flags")).Outcome);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Evaluate_WhenAnInfantUnder3MonthsHasFever_IsOutOfHours(int ageMonths)
    {
        var result = Evaluate(With("urgent", "infant-fever"), ageMonths);

        Assert.Equal(TriageOutcome.OutOfHours, result.Outcome);
        Assert.Equal(new TriageReason("concept", "infant-fever"), Assert.Single(result.Reasons));
    }

    [Fact]
    public void Evaluate_WhenInfantFeverIsChosenForSomeoneAged3Months_IsNotAskedAndDecidesNothing()
    {
        // At 3 months infant-fever does not apply: with "none of these" as well it is no contradiction.
        Assert.Equal(TriageOutcome.Nettlege, Evaluate(With("urgent", "none-of-these", "infant-fever"), 3).Outcome);
        // Alone it leaves the step unanswered, which resolves upwards.
        Assert.Equal(TriageOutcome.OutOfHours, Evaluate(With("urgent", "infant-fever"), 3).Outcome);
    }

    [Theory]
    [InlineData(0, TriageOutcome.RegularGp)]
    [InlineData(2, TriageOutcome.RegularGp)]
    [InlineData(3, TriageOutcome.Nettlege)]
    [InlineData(Adult, TriageOutcome.Nettlege)]
    public void Evaluate_WhenUnder3Months_IsNeverNettlegeOrSelfCare(int ageMonths, TriageOutcome expected)
    {
        var result = Evaluate(NettlegeAnswers(), ageMonths);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == TriageOutcome.RegularGp, result.Reasons.Contains(new TriageReason("age-rule", "infant-under-3-months")));
        Assert.Equal(expected, Evaluate(With("self-care", "yes"), ageMonths).Outcome is TriageOutcome.SelfCare ? TriageOutcome.Nettlege : TriageOutcome.RegularGp);
    }

    [Fact]
    public void Evaluate_WhenAnInfantHasARedFlag_TheAgeRuleNeverLowersIt() =>
        Assert.Equal(TriageOutcome.Emergency, Evaluate(With("red-flags", "seizure"), 1).Outcome);

    [Theory]
    [InlineData("2026-08-31", "2026-11-30", 2)] // 30 November has no 31st: three months on 1 December
    [InlineData("2026-08-31", "2026-12-01", 3)]
    [InlineData("2026-09-15", "2026-12-14", 2)]
    [InlineData("2026-09-15", "2026-12-15", 3)]
    [InlineData("2025-11-30", "2026-02-28", 2)]
    [InlineData("2025-11-30", "2026-03-01", 3)]
    public void AgeInMonths_WhenAroundTheThreeMonthBoundary_CountsWholeMonths(string born, string on, int months) =>
        Assert.Equal(months, TriageEvaluator.AgeInMonths(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
}
