using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.PopulationRegister;

namespace CitizenServices.DeploymentTests;

/// <summary>
/// The README and docs/ are what the next engineer runs first: every script is listed, and every person an example
/// names is one the seed gives a fresh scripts/run.sh (README.md, "Scripts"; docs/population-register.md).
/// </summary>
public sealed partial class DocumentationTests
{
    [Fact]
    public void Readme_ListsEveryScriptUnderScripts()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var section = readme[readme.IndexOf("### Scripts", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];

        var scripts = Directory.GetFiles(Repository.PathOf("scripts")).Select(Path.GetFileName).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains($"| `scripts/{script}` |", section, StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_WhenAnExampleNamesAPerson_ThePersonIsSeeded()
    {
        var seeded = SeedFilePopulationRegister.Load(Repository.PathOf("functions", "seed", "population-register.json"))
            .People.Select(person => person.Id.Value).ToHashSet(StringComparer.Ordinal);
        var documents = Directory.GetFiles(Repository.PathOf("docs"), "*.md").Append(Repository.PathOf("README.md"));

        var named = documents
            .SelectMany(document => ElevenDigits().Matches(File.ReadAllText(document))
                .Select(match => (Document: Path.GetFileName(document), Number: match.Value)))
            .Where(found => NationalIdentityNumber.IsValid(found.Number))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, found => Assert.True(
            seeded.Contains(found.Number),
            $"{found.Document} names {found.Number[..6]}*****, who is not in functions/seed/population-register.json"));
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{11}(?![0-9])")]
    private static partial Regex ElevenDigits();
}
