using CitizenServices.Infrastructure.Nettlege;
using NJsonSchema;

namespace CitizenServices.UnitTests.Nettlege;

/// <summary>The committed questionnaire data and its schema, found from the repository root.</summary>
internal static class QuestionnaireFile
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CitizenServices.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (CitizenServices.sln) not found.");
    }

    public static string DataPath => Path.Combine(Root(), "functions", "seed", "triage-questionnaire.v1.json");

    public static string SchemaPath => Path.Combine(Root(), "contracts", "nettlege", "triage-questionnaire.schema.json");

    public static Questionnaire Load() => QuestionnaireJson.Parse(File.ReadAllText(DataPath));
}

public sealed class QuestionnaireTests
{
    // The concepts issue 9 requires, by the outcome a "yes" leads to.
    public static readonly TheoryData<string, string, TriageOutcome> RequiredConcepts = new()
    {
        { "red-flags", "chest-pain", TriageOutcome.Emergency }, { "red-flags", "breathing-difficulty", TriageOutcome.Emergency },
        { "red-flags", "stroke-signs", TriageOutcome.Emergency }, { "red-flags", "reduced-consciousness", TriageOutcome.Emergency },
        { "red-flags", "severe-bleeding", TriageOutcome.Emergency }, { "red-flags", "anaphylaxis", TriageOutcome.Emergency },
        { "red-flags", "seizure", TriageOutcome.Emergency }, { "red-flags", "suicidal-thoughts", TriageOutcome.Emergency },
        { "red-flags", "severe-injury", TriageOutcome.Emergency }, { "red-flags", "poisoning", TriageOutcome.Emergency },
        { "urgent", "infant-fever", TriageOutcome.OutOfHours }, { "urgent", "fever-with-stiff-neck-or-rash", TriageOutcome.OutOfHours },
        { "urgent", "severe-pain", TriageOutcome.OutOfHours }, { "urgent", "dehydration", TriageOutcome.OutOfHours },
        { "urgent", "pregnancy-bleeding", TriageOutcome.OutOfHours }, { "urgent", "rapid-worsening", TriageOutcome.OutOfHours },
        { "not-for-nettlege", "needs-sick-note", TriageOutcome.RegularGp }, { "not-for-nettlege", "needs-controlled-drug", TriageOutcome.RegularGp },
        { "not-for-nettlege", "needs-referral", TriageOutcome.RegularGp }, { "not-for-nettlege", "needs-physical-exam", TriageOutcome.RegularGp },
        { "not-for-nettlege", "needs-tests", TriageOutcome.RegularGp }, { "not-for-nettlege", "chronic-follow-up", TriageOutcome.RegularGp },
        { "not-for-nettlege", "needs-medical-history", TriageOutcome.RegularGp }, { "own-gp", "timely-gp-appointment", TriageOutcome.RegularGp },
    };

    [Theory]
    [MemberData(nameof(RequiredConcepts))]
    public void Questionnaire_WhenLoaded_AsksEveryRequiredConceptInTheRightStep(string step, string concept, TriageOutcome ifYes)
    {
        var found = QuestionnaireFile.Load().Step(step);

        Assert.NotNull(found);
        Assert.Contains(found.Questions, q => q.Concept == concept);
        Assert.Equal(ifYes, found.IfYes.Outcome);
    }

    [Fact]
    public void Questionnaire_WhenLoaded_AsksRedFlagsFirstWithNoneOfThese()
    {
        var first = QuestionnaireFile.Load().Steps[0];

        Assert.Equal("red-flags", first.Id);
        Assert.Equal(TriageStepKind.Checklist, first.Kind);
        Assert.Equal(10, first.Questions.Count);
    }

    [Fact]
    public void Questionnaire_WhenInfantFeverIsAsked_AppliesUnder3MonthsOnly()
    {
        var question = QuestionnaireFile.Load().Step("urgent")!.Questions.Single(q => q.Concept == "infant-fever");

        Assert.True(question.AppliesTo(2));
        Assert.False(question.AppliesTo(3));
    }

    [Fact]
    public async Task Questionnaire_WhenValidatedAgainstItsSchema_HasNoErrors()
    {
        var schema = await JsonSchema.FromFileAsync(QuestionnaireFile.SchemaPath);

        var errors = schema.Validate(await File.ReadAllTextAsync(QuestionnaireFile.DataPath));

        Assert.Empty(errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Schema_WhenAQuestionLacksItsConcept_RejectsTheFile()
    {
        var schema = await JsonSchema.FromFileAsync(QuestionnaireFile.SchemaPath);
        var broken = (await File.ReadAllTextAsync(QuestionnaireFile.DataPath)).Replace("\"concept\": \"seizure\", ", "", StringComparison.Ordinal);

        Assert.NotEmpty(schema.Validate(broken));
    }

    [Fact]
    public void Parse_WhenRedFlagsAreNotFirst_Refuses()
    {
        var json = File.ReadAllText(QuestionnaireFile.DataPath).Replace("\"ifYes\": \"emergency\"", "\"ifYes\": \"out-of-hours\"", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => QuestionnaireJson.Parse(json));
        Assert.Contains("red-flag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAConceptIsAskedTwice_Refuses()
    {
        var json = File.ReadAllText(QuestionnaireFile.DataPath).Replace("\"concept\": \"needs-tests\"", "\"concept\": \"severe-pain\"", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => QuestionnaireJson.Parse(json));
        Assert.Contains("severe-pain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenAStepOrCodeIsUnknown_NamesTheField()
    {
        var answers = TriageEvaluatorTests.NettlegeAnswers();
        answers["red-flags"] = ["none-of-these", "headache"];
        answers["mood"] = ["yes"];

        var problems = TriageAnswerRules.Validate(QuestionnaireFile.Load(), answers);

        Assert.Equal([("unknown-answer", "answers.red-flags[1]"), ("unknown-step", "answers.mood")],
            problems.Select(p => (p.Code, p.Field)).ToArray());
    }
}
