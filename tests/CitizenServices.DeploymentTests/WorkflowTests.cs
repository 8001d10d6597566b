namespace CitizenServices.DeploymentTests;

/// <summary>
/// The GitHub Actions pipeline (.github/workflows): the README's test command on pull requests, and azd provision +
/// deploy on main signed in with a federated credential, never a stored secret.
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly IReadOnlyDictionary<string, object?> Ci = Load("ci.yml");
    private static readonly IReadOnlyDictionary<string, object?> Deploy = Load("deploy.yml");

    [Fact]
    public void PullRequests_RunTheReadmesTestCommand()
    {
        var command = ReadmeTestCommand();

        Assert.NotNull(Ci.At("on", "pull_request"));
        var steps = Steps(Ci.Map("jobs", "test"));
        Assert.Contains(steps, s => s.Text("run") == command);
        // What the command needs on a clean runner: the SDK from global.json and Node 20 with Azurite installed first.
        Assert.Contains(steps, s => s.Text("uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true
            && s.Text("with", "global-json-file") == "global.json");
        Assert.Contains(steps, s => s.Text("uses")?.StartsWith("actions/setup-node@", StringComparison.Ordinal) == true
            && s.Text("with", "node-version") == "20");
        Assert.True(steps.FindIndex(s => s.Text("run")?.StartsWith("npm ci", StringComparison.Ordinal) == true)
            < steps.FindIndex(s => s.Text("run") == command), "Azurite is installed before the tests run");
    }

    [Fact]
    public void Main_IsTestedThenProvisionedAndDeployedWithAzd()
    {
        Assert.Equal(["main"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(Deploy.At("on", "push", "branches")));
        Assert.Equal("./.github/workflows/ci.yml", Deploy.Text("jobs", "test", "uses"));
        Assert.NotNull(Ci.At("on", "workflow_call"));

        var job = Deploy.Map("jobs", "deploy");
        Assert.Equal("test", job.Text("needs"));
        var runs = Steps(job).Select(s => s.Text("run") ?? string.Empty).ToList();
        var provision = runs.FindIndex(r => r.StartsWith("azd provision", StringComparison.Ordinal));
        var deploy = runs.FindIndex(r => r.StartsWith("azd deploy", StringComparison.Ordinal));
        Assert.True(provision >= 0 && deploy > provision, "azd provision, then azd deploy");
        Assert.All(new[] { runs[provision], runs[deploy] }, r => Assert.Contains("--no-prompt", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_SignsInWithAFederatedCredentialAndUsesNoSecret()
    {
        var job = Deploy.Map("jobs", "deploy");

        // OIDC: the job may ask GitHub for an ID token, and azd exchanges it for an Azure token.
        Assert.Equal("write", job.Text("permissions", "id-token"));
        var login = Assert.Single(Steps(job), s => s.Text("run")?.StartsWith("azd auth login", StringComparison.Ordinal) == true).Text("run")!;
        Assert.Contains("--federated-credential-provider github", login, StringComparison.Ordinal);
        Assert.DoesNotContain("--client-secret", login, StringComparison.Ordinal);
        foreach (var file in new[] { "ci.yml", "deploy.yml" })
        {
            var text = File.ReadAllText(Repository.PathOf(".github", "workflows", file));
            Assert.DoesNotMatch(SecretReference(), text);
        }

        // The token is issued to this job only; the rest of the workflow gets the default read-only token.
        Assert.Null(Deploy.At("permissions", "id-token"));
        Assert.Equal("production", job.Text("environment"));
    }

    [Fact]
    public void Deploy_PassesEveryVariableTheParametersFileReadsThatHasNoDefault()
    {
        var parameters = File.ReadAllText(Repository.PathOf("infra", "main.parameters.json"));
        var env = Deploy.Map("jobs", "deploy", "env");
        var required = ParameterVariable().Matches(parameters)
            .Where(m => !m.Groups["default"].Success)
            .Select(m => m.Groups["name"].Value)
            // azd sets these itself: the signed-in principal and the environment name it was given.
            .Except(["AZURE_PRINCIPAL_ID"])
            .ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.True(env.ContainsKey(name), $"deploy.yml does not set {name}"));
        Assert.NotNull(JsonNode.Parse(parameters));
        foreach (var name in new[] { "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_ENV_NAME", "AZURE_LOCATION" })
        {
            Assert.Equal($"${{{{ vars.{name} }}}}", env[name]);
        }
    }

    [Fact]
    public void EveryAction_IsPinnedToAVersion()
    {
        var uses = new[] { Ci, Deploy }
            .SelectMany(w => Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(w["jobs"]).Values)
            .Cast<IReadOnlyDictionary<string, object?>>()
            .SelectMany(j => j.ContainsKey("steps") ? Steps(j) : [])
            .Select(s => s.Text("uses"))
            .OfType<string>()
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, u => Assert.Matches("^[A-Za-z0-9-]+/[A-Za-z0-9-]+@v[0-9]+$", u));
    }

    private static string ReadmeTestCommand()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var section = readme[readme.IndexOf("## Test it", StringComparison.Ordinal)..];
        return ReadmeCommand().Match(section).Groups["command"].Value.Trim();
    }

    private static IReadOnlyDictionary<string, object?> Load(string file) =>
        Yaml.LoadMapping(Repository.PathOf(".github", "workflows", file));

    private static List<IReadOnlyDictionary<string, object?>> Steps(IReadOnlyDictionary<string, object?> job) =>
        [.. Assert.IsAssignableFrom<IReadOnlyList<object?>>(job["steps"]).Cast<IReadOnlyDictionary<string, object?>>()];

    [GeneratedRegex(@"```bash\n(?<command>[^\n]+)\n```")]
    private static partial Regex ReadmeCommand();

    [GeneratedRegex(@"secrets\.")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?<default>=[^}]*)?\}")]
    private static partial Regex ParameterVariable();
}
