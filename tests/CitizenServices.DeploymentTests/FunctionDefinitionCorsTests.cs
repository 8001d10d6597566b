namespace CitizenServices.DeploymentTests;

/// <summary>
/// The handler answers CORS preflights itself (docs/deployment.md, "CORS"), so the Functions host must pass OPTIONS
/// through: a proxied HTTP function whose methods leave it out would answer every preflight with 404 at the host.
/// </summary>
public sealed class FunctionDefinitionCorsTests
{
    [Fact]
    public void EveryProxiedHttpFunctionWithMethods_AcceptsOptions()
    {
        var proxied = new List<string>();
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(Repository.FunctionDefinitions, "function.json", SearchOption.AllDirectories))
        {
            var bindings = JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray().OfType<JsonObject>().ToList();
            var inputs = bindings.Where(b => (string?)b["direction"] == "in").ToList();
            var outputs = bindings.Where(b => (string?)b["direction"] == "out").ToList();
            if (inputs is not [{ } trigger] || (string?)trigger["type"] != "httpTrigger" || outputs is not [{ } output] || (string?)output["type"] != "http")
            {
                continue;
            }

            var function = Path.GetFileName(Path.GetDirectoryName(file))!;
            proxied.Add(function);
            if (trigger["methods"] is JsonArray methods && !methods.Any(m => string.Equals((string?)m, "options", StringComparison.OrdinalIgnoreCase)))
            {
                missing.Add(function);
            }
        }

        Assert.NotEmpty(proxied);
        Assert.Empty(missing);
    }
}
