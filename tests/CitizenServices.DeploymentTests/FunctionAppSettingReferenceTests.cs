namespace CitizenServices.DeploymentTests;

/// <summary>
/// The Functions host resolves <c>%Setting%</c> in a function.json from the app settings and fails indexing the whole app
/// when one is missing, so every setting a definition refers to must be among the app settings infra/main.bicep deploys.
/// </summary>
[Collection(InfraTestGroup.Name)]
public sealed partial class FunctionAppSettingReferenceTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void AppSettings_WhenAFunctionDefinitionRefersToOne_AreDeployed()
    {
        var settings = DeploymentConsistency.AppSettings(compiled.Template);
        var referenced = Directory.GetFiles(Repository.FunctionDefinitions, "function.json", SearchOption.AllDirectories)
            .SelectMany(file => SettingReference().Matches(File.ReadAllText(file))
                .Select(m => (Function: Path.GetFileName(Path.GetDirectoryName(file)!), Setting: m.Groups[1].Value)))
            .ToList();

        Assert.Contains(referenced, r => r is { Function: "RegisterFeed", Setting: "RegisterFeedSchedule" });
        Assert.All(referenced, r => Assert.True(settings.ContainsKey(r.Setting), $"{r.Function} refers to %{r.Setting}%, which infra/main.bicep does not set."));
    }

    [GeneratedRegex("%([A-Za-z0-9_.-]+)%")]
    private static partial Regex SettingReference();
}
