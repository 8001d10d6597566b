using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Infrastructure.Nettlege;
using Microsoft.Extensions.Options;

namespace CitizenServices.UnitTests.Nettlege;

/// <summary>The questionnaire files are seed data: checked when the host starts, so a broken one never triages anyone.</summary>
public sealed class QuestionnaireStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("questionnaires-").FullName;

    [Fact]
    public void AddNettlegeStorage_WhenNotConfigured_ServesTheCommittedQuestionnaireFromTheSeedFolder()
    {
        using var provider = Build(null);

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(QuestionnaireFile.Load().Version, provider.GetRequiredService<IQuestionnaireCatalog>().Current.Version);
    }

    [Fact]
    public void AddNettlegeStorage_WhenAQuestionnaireFileIsBroken_FailsAtStartupNamingTheFileAndTheProblem()
    {
        var broken = Path.Combine(_folder, "triage-questionnaire.v2.json");
        File.WriteAllText(broken, """{"version": 0, "steps": []}""");
        using var provider = Build(Path.Combine(_folder, FileQuestionnaireCatalog.FilePattern));

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(broken, exception.Message, StringComparison.Ordinal);
        Assert.Contains("version", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddNettlegeStorage_WhenNoFileMatches_FailsAtStartupNamingThePatternAndTheSetting()
    {
        var pattern = Path.Combine(_folder, FileQuestionnaireCatalog.FilePattern);
        using var provider = Build(pattern);

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(pattern, exception.Message, StringComparison.Ordinal);
        Assert.Contains(QuestionnaireOptions.SectionName + ":SeedFile", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Build(string? seedFile)
    {
        var settings = new Dictionary<string, string?>();
        if (seedFile is not null)
        {
            settings[QuestionnaireOptions.SectionName + ":SeedFile"] = seedFile;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddNettlegeStorage(configuration).BuildServiceProvider();
    }
}
