using CitizenServices.Domain.Nettlege.Triage;
using CitizenServices.Infrastructure.Nettlege;

namespace CitizenServices.MicroBenchmarks;

/// <summary>The nettlege triage on the committed questionnaire (version 1): the common path and a red flag.</summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private const int Adult = 40 * 12;

    private Questionnaire _questionnaire = null!;

    private readonly Dictionary<string, IReadOnlyList<string>> _nettlege = new()
    {
        ["red-flags"] = ["none-of-these"],
        ["urgent"] = ["none-of-these"],
        ["not-for-nettlege"] = ["none-of-these"],
        ["self-care"] = ["no"],
        ["own-gp"] = ["no"],
    };

    private Dictionary<string, IReadOnlyList<string>> _redFlag = null!;

    [GlobalSetup]
    public void Setup()
    {
        _questionnaire = QuestionnaireJson.Parse(File.ReadAllText(Inputs.Path("triage-questionnaire.v1.json")));
        var firstRedFlag = _questionnaire.Step("red-flags")!.Questions[0].Concept;
        _redFlag = new Dictionary<string, IReadOnlyList<string>>(_nettlege) { ["red-flags"] = [firstRedFlag] };
    }

    [Benchmark(Baseline = true)]
    public TriageResult Nettlege() => TriageEvaluator.Evaluate(_questionnaire, _nettlege, Adult);

    [Benchmark]
    public TriageResult RedFlag() => TriageEvaluator.Evaluate(_questionnaire, _redFlag, Adult);
}
