using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Domain.Nettlege.Triage;

namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// The published questionnaire versions, read once from the JSON files in a folder (<c>triage-questionnaire.v*.json</c>).
/// The highest version is current; every version stays accepted so answers given just before a new version was
/// published are still evaluated by the rules they were given to. A broken file fails the start of the app.
/// </summary>
public sealed class FileQuestionnaireCatalog : IQuestionnaireCatalog
{
    public const string FilePattern = "triage-questionnaire.v*.json";

    private readonly Dictionary<int, Questionnaire> _versions;

    public FileQuestionnaireCatalog(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, FilePattern) : [];
        _versions = [];
        foreach (var file in files)
        {
            Questionnaire questionnaire;
            try
            {
                questionnaire = QuestionnaireJson.Parse(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new InvalidOperationException($"Triage questionnaire {Path.GetFileName(file)}: {ex.Message}", ex);
            }

            if (!_versions.TryAdd(questionnaire.Version, questionnaire))
            {
                throw new InvalidOperationException($"Triage questionnaire version {questionnaire.Version} is published twice (in {Path.GetFileName(file)}).");
            }
        }

        Current = _versions.Count > 0
            ? _versions[_versions.Keys.Max()]
            : throw new InvalidOperationException($"No triage questionnaire ({FilePattern}) in {folder}.");
    }

    public Questionnaire Current { get; }

    public Questionnaire? Find(int version) => _versions.GetValueOrDefault(version);
}
