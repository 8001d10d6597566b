namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// Configuration section <c>Nettlege:Questionnaire</c>: the published questionnaire files, one per version, the version
/// in the name where the pattern has its <c>*</c>.
/// </summary>
public sealed class QuestionnaireOptions() : SeedFileOptions("seed/" + FileQuestionnaireCatalog.FilePattern)
{
    public const string SectionName = "Nettlege:Questionnaire";
}

/// <summary>
/// The published questionnaire versions, read once from the JSON files matching a pattern
/// (<c>seed/triage-questionnaire.v*.json</c>). The highest version is current; every version stays accepted so answers
/// given just before a new version was published are still evaluated by the rules they were given to. A broken file,
/// or none, fails the start of the app.
/// </summary>
public sealed class FileQuestionnaireCatalog : IQuestionnaireCatalog
{
    public const string FilePattern = "triage-questionnaire.v*.json";

    private readonly Dictionary<int, Questionnaire> _versions;

    /// <param name="files">A path whose file name is a pattern, such as <c>/app/seed/triage-questionnaire.v*.json</c>.</param>
    /// <exception cref="InvalidOperationException">No file matches, or one breaks a rule; the message names it.</exception>
    public FileQuestionnaireCatalog(string files)
    {
        var folder = Path.GetDirectoryName(files) ?? string.Empty;
        var pattern = Path.GetFileName(files);
        _versions = [];
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, pattern) : [])
        {
            Questionnaire questionnaire;
            try
            {
                questionnaire = QuestionnaireJson.Parse(File.ReadAllText(file));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or IOException)
            {
                throw new InvalidOperationException($"Triage questionnaire {file}: {ex.Message}", ex);
            }

            if (!_versions.TryAdd(questionnaire.Version, questionnaire))
            {
                throw new InvalidOperationException($"Triage questionnaire version {questionnaire.Version} is published twice (in {file}).");
            }
        }

        Current = _versions.Count > 0
            ? _versions[_versions.Keys.Max()]
            : throw new InvalidOperationException(
                $"No triage questionnaire matches {files}; set {QuestionnaireOptions.SectionName}:{nameof(QuestionnaireOptions.SeedFile)} to the published files.");
    }

    public Questionnaire Current { get; }

    public Questionnaire? Find(int version) => _versions.GetValueOrDefault(version);
}
