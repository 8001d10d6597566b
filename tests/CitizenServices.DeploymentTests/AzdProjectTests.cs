namespace CitizenServices.DeploymentTests;

/// <summary>azure.yaml: what azd needs before it can run this project at all.</summary>
public sealed class AzdProjectTests
{
    private static readonly IReadOnlyDictionary<string, object?> Project = Yaml.LoadMapping(Repository.PathOf("azure.yaml"));

    [Fact]
    public void AzureYaml_WhenServiceLanguageIsCustom_RequiresAnAzdThatKnowsIt()
    {
        // `language: custom` first shipped in azd 1.20.0: an older azd must refuse up front, not fail halfway.
        Assert.Equal("custom", Project.Text("services", "api", "language"));
        Assert.Equal(">= 1.20.0", Project.Text("requiredVersions", "azd"));
    }

    [Fact]
    public void PrepackageHook_RunsUnderPosixShellsAndUnderPowerShell()
    {
        var hook = Project.Map("services", "api", "hooks", "prepackage");

        Assert.Equal("sh", hook.Text("posix", "shell"));
        Assert.Equal("pwsh", hook.Text("windows", "shell"));
        foreach (var shell in new[] { "posix", "windows" })
        {
            var script = hook.Text(shell, "run")!;
            Assert.True(File.Exists(Repository.PathOf(script.Split('/'))), $"{shell} hook runs {script}, which does not exist");
            Assert.Equal("false", hook.Text(shell, "continueOnError"));
        }
    }

    [Fact]
    public void PowerShellPackager_BuildsThePackageTheShellScriptDoes()
    {
        // The two packagers must agree on what goes in: the handler from host.json, every function folder, and the mode
        // bits written by hand (Windows has no executable bit to copy). The bash script is run by the package tests.
        var powershell = File.ReadAllText(Repository.PathOf("scripts", "package.ps1"));
        var bash = File.ReadAllText(Repository.PathOf("scripts", "package.sh"));

        foreach (var shared in new[] { "defaultExecutablePath", "functions/definitions", "--self-contained", "linux-x64", "PublishReadyToRun" })
        {
            Assert.Contains(shared, powershell, StringComparison.Ordinal);
            Assert.Contains(shared, bash, StringComparison.Ordinal);
        }

        Assert.Contains("ExternalAttributes", powershell, StringComparison.Ordinal);
        Assert.Contains("$bytes[$position + 5] = 3", powershell, StringComparison.Ordinal);
        Assert.Equal("artifacts/package/citizen-services.zip", Project.Text("services", "api", "dist"));
        Assert.Contains("artifacts/package/citizen-services.zip", powershell, StringComparison.Ordinal);
    }
}
