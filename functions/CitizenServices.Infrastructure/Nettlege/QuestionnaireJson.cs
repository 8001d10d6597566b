namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// Reads a questionnaire from its JSON data file (schema: contracts/nettlege/triage-questionnaire.schema.json) and
/// checks what a schema cannot: red flags are asked first and lead to <c>emergency</c>, ids and concepts are unique,
/// every outcome has advice. A broken file stops the app at start instead of triaging wrongly.
/// </summary>
public static partial class QuestionnaireJson
{
    public static Questionnaire Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var version = Required(root, "version", "").GetInt32();
        if (version < 1)
        {
            throw Invalid("version", "must be 1 or more");
        }

        var steps = new List<TriageStep>();
        var stepsElement = Required(root, "steps", "");
        var index = 0;
        foreach (var step in stepsElement.EnumerateArray())
        {
            steps.Add(ReadStep(step, $"steps[{index++}]"));
        }

        if (steps.Count == 0 || steps[0] is not { Kind: TriageStepKind.Checklist, IfYes.Outcome: TriageOutcome.Emergency })
        {
            throw Invalid("steps[0]", "the first step must be the red-flag checklist leading to emergency");
        }

        Unique(steps.Select(s => s.Id), "step id");
        Unique(steps.SelectMany(s => s.Questions).Select(q => q.Concept), "concept");

        var ageRules = new List<TriageAgeRule>();
        if (root.TryGetProperty("ageRules", out var rules))
        {
            index = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                var path = $"ageRules[{index++}]";
                ageRules.Add(new TriageAgeRule(
                    Code(rule, "id", path), Required(rule, "underAgeMonths", path).GetInt32(), Outcome(rule, "atLeast", path), Text(rule, "text", path)));
            }
        }

        var advice = new Dictionary<TriageOutcome, TriageAdvice>();
        var adviceElement = Required(root, "advice", "");
        foreach (var outcome in Enum.GetValues<TriageOutcome>())
        {
            var path = "advice." + outcome.Code();
            var entry = Required(adviceElement, outcome.Code(), "advice");
            advice[outcome] = new TriageAdvice(Text(entry, "advice", path), Code(entry, "nextStep", path));
        }

        return new Questionnaire(version, Text(root, "title", ""), steps, Outcome(root, "whenAllContinue", ""), ageRules, advice);
    }

    private static TriageStep ReadStep(JsonElement step, string path)
    {
        var kind = Required(step, "kind", path).GetString() switch
        {
            "checklist" => TriageStepKind.Checklist,
            "yes-no" => TriageStepKind.YesNo,
            _ => throw Invalid(path + ".kind", "must be checklist or yes-no"),
        };
        var questions = new List<TriageQuestion>();
        var index = 0;
        foreach (var question in Required(step, "questions", path).EnumerateArray())
        {
            var q = $"{path}.questions[{index++}]";
            questions.Add(new TriageQuestion(Code(question, "concept", q), Text(question, "text", q),
                OptionalInt(question, "underAgeMonths"), OptionalInt(question, "fromAgeMonths")));
        }

        var ifYes = Branch(step, "ifYes", path);
        var ifNo = step.TryGetProperty("ifNo", out _) ? Branch(step, "ifNo", path) : TriageBranch.Continue;
        if (kind == TriageStepKind.Checklist && (questions.Count == 0 || ifYes.IsContinue || step.TryGetProperty("ifNo", out _)))
        {
            throw Invalid(path, "a checklist has questions, leads to an outcome when any is chosen, and goes on after 'none of these' (no ifNo)");
        }

        if (kind == TriageStepKind.YesNo && (questions.Count != 1 || !step.TryGetProperty("ifNo", out _)))
        {
            throw Invalid(path, "a yes/no step has exactly one question and both ifYes and ifNo");
        }

        return new TriageStep(Code(step, "id", path), kind, Text(step, "text", path), questions, ifYes, ifNo);
    }

    private static TriageBranch Branch(JsonElement element, string name, string path) =>
        Required(element, name, path).GetString() == "continue" ? TriageBranch.Continue : new TriageBranch(Outcome(element, name, path));

    private static TriageOutcome Outcome(JsonElement element, string name, string path) =>
        TriageOutcomes.Parse(Required(element, name, path).GetString()) ?? throw Invalid(Join(path, name), "is not an outcome");

    private static string Code(JsonElement element, string name, string path)
    {
        var value = Required(element, name, path).GetString();
        return value is not null && CodePattern().IsMatch(value) ? value : throw Invalid(Join(path, name), "must be a lower-case code like chest-pain");
    }

    private static string Text(JsonElement element, string name, string path)
    {
        var value = Required(element, name, path).GetString();
        return string.IsNullOrWhiteSpace(value) ? throw Invalid(Join(path, name), "must not be empty") : value;
    }

    private static int? OptionalInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static JsonElement Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) ? value : throw Invalid(Join(path, name), "is required");

    private static void Unique(IEnumerable<string> values, string what)
    {
        var repeated = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new FormatException($"The questionnaire repeats the {what} '{repeated.Key}'.");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static FormatException Invalid(string path, string reason) => new($"The questionnaire's {path} {reason}.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
