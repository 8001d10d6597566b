namespace CitizenServices.IntegrationTests.Contract;

/// <summary>
/// <c>contracts/openapi.json</c> is what front ends and case systems build against. The running app's document must equal
/// it, so every API change is deliberate: change the endpoint, run <c>./scripts/update-contracts.sh</c>, review the diff,
/// add a line to <c>contracts/CHANGELOG.md</c>.
/// </summary>
public sealed class OpenApiContractTests(OpenApiContractTests.DocumentFixture fixture) : IClassFixture<OpenApiContractTests.DocumentFixture>
{
    /// <summary>Set to 1 (the update script does) to write the running document to the committed file instead of comparing.</summary>
    public const string UpdateVariable = "UPDATE_CONTRACTS";

    private static string CommittedPath => Path.Combine(RepositoryRoot.Find(), "contracts", "openapi.json");

    [Fact]
    public async Task RunningDocument_EqualsTheCommittedContract()
    {
        var running = fixture.Document;
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, running.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        var differences = JsonDifferences.Between(committed, running);

        Assert.True(differences.Count == 0,
            "The API differs from contracts/openapi.json (run ./scripts/update-contracts.sh and review the diff):\n" + string.Join("\n", differences.Take(30)));
    }

    [Fact]
    public async Task DriftCheck_WhenAnEndpointChangedInACopy_ReportsWhere()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        var changed = committed.DeepClone();
        var paths = changed["paths"]!.AsObject();
        var health = paths["/api/v1/health"]!.DeepClone();
        paths.Remove("/api/v1/health");
        paths["/api/v2/health"] = health;
        var fullmakt = paths["/api/v1/persons/{subject}/fullmakter"]!["post"]!.AsObject();
        fullmakt["summary"] = fullmakt["summary"]!.GetValue<string>() + " (changed)";

        var differences = JsonDifferences.Between(committed, changed);

        Assert.Contains("/paths/~1api~1v1~1health: removed", differences);
        Assert.Contains("/paths/~1api~1v2~1health: added", differences);
        Assert.Contains(differences, d => d.StartsWith("/paths/~1api~1v1~1persons~1{subject}~1fullmakter/post/summary: ", StringComparison.Ordinal));
        Assert.Empty(JsonDifferences.Between(committed, committed.DeepClone()));
    }

    [Fact]
    public void EveryOperation_SaysWhoMayCallIt_AndHasItsSchemasExamplesAndProblems()
    {
        var failures = new List<string>();
        foreach (var (path, item) in fixture.Document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var at = $"{method.ToUpperInvariant()} {path}";
                var responses = operation["responses"]!.AsObject();
                var access = operation["x-access"]?.AsObject();
                if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()))
                {
                    failures.Add($"{at}: no summary");
                }

                if (access is null || !(access.ContainsKey("public") || access.ContainsKey("roles") || access.ContainsKey("citizen") || access.ContainsKey("helseIdScope")))
                {
                    failures.Add($"{at}: x-access does not say who may call it");
                }
                else if (!access.ContainsKey("public"))
                {
                    failures.AddRange(new[] { "401", "403" }.Where(s => !responses.ContainsKey(s)).Select(s => $"{at}: no {s} response"));
                    if (operation["security"] is not JsonArray { Count: > 0 })
                    {
                        failures.Add($"{at}: no security requirement");
                    }
                }

                if (path.Contains("{subject}", StringComparison.Ordinal) && access?["scope"] is null)
                {
                    failures.Add($"{at}: a subject-scoped operation without its scope");
                }

                if (operation["requestBody"]?["content"]?.AsObject() is { } request
                    && request.Any(m => m.Value?["schema"] is null || m.Value["example"] is null))
                {
                    failures.Add($"{at}: request body without schema or example");
                }

                foreach (var (status, response) in responses)
                {
                    var content = response?["content"]?.AsObject();
                    if (status[0] is '4' or '5')
                    {
                        var problem = content?["application/problem+json"];
                        if (content?.Count != 1 || problem?["schema"] is null || problem["example"]?["type"] is null)
                        {
                            failures.Add($"{at}: {status} is not a problem with schema and example");
                        }
                    }
                    else if (content is not null && content.Any(m => m.Value?["schema"] is null || m.Value["example"] is null))
                    {
                        failures.Add($"{at}: {status} without schema or example");
                    }
                }

                if (!responses.ContainsKey("500"))
                {
                    failures.Add($"{at}: no 500 response");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // One relative server: the document names no host, so it holds wherever it is served, and linters can resolve it.
        var servers = fixture.Document["servers"]?.AsArray() ?? [];
        Assert.Equal(["/"], servers.Select(s => s?["url"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ReferencePage_WhenDevelopment_IsServed()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The document served in Development, fetched once for the class.</summary>
    public sealed class DocumentFixture : IAsyncLifetime
    {
        public CitizenServicesFactory Factory { get; } = new() { EnvironmentName = "Development" };

        public JsonNode Document { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Factory.StartAsync();
            using var client = Factory.CreateClient();
            Document = (await client.GetFromJsonAsync<JsonNode>(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}

/// <summary>The JSON Pointers at which two documents differ, each with what changed there.</summary>
internal static class JsonDifferences
{
    public static IReadOnlyList<string> Between(JsonNode? expected, JsonNode? actual)
    {
        var found = new List<string>();
        Walk(expected, actual, string.Empty, found);
        return found;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string pointer, List<string> found)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    var at = pointer + "/" + Escape(key);
                    if (a.TryGetPropertyValue(key, out var other))
                    {
                        Walk(value, other, at, found);
                    }
                    else
                    {
                        found.Add(at + ": removed");
                    }
                }

                found.AddRange(a.Where(p => !e.ContainsKey(p.Key)).Select(p => pointer + "/" + Escape(p.Key) + ": added"));
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Walk(e[i], a[i], $"{pointer}/{i}", found);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    found.Add($"{(pointer.Length == 0 ? "/" : pointer)}: {Show(expected)} -> {Show(actual)}");
                }

                break;
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
