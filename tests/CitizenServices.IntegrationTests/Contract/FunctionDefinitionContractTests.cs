using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace CitizenServices.IntegrationTests.Contract;

/// <summary>
/// The function.json files are what the Functions host reads in Azure. These tests tie them to the handler:
/// every definition parses and uses a trigger we support; every invoked function has exactly one
/// <c>POST /{FunctionName}</c> endpoint; every API endpoint is reachable through exactly one proxied HTTP
/// function route, and no function route reaches nothing. Endpoints are discovered from the running app.
/// </summary>
public sealed class FunctionDefinitionContractTests : IAsyncLifetime
{
    private static readonly HashSet<string> KnownTriggers = new(StringComparer.Ordinal)
    {
        "httpTrigger", "serviceBusTrigger", "timerTrigger",
    };

    private readonly CitizenServicesFactory _factory = new();
    private IReadOnlyList<RouteEndpoint> _endpoints = [];
    private readonly IReadOnlyList<FunctionDefinition> _functions = FunctionDefinition.LoadAll(
        Path.Combine(RepositoryRoot.Find(), "functions", "definitions"));

    public async Task InitializeAsync()
    {
        await _factory.StartAsync();
        _endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void Definitions_WhenLoaded_AreNotEmpty()
    {
        Assert.NotEmpty(_functions);
    }

    [Fact]
    public void EveryFunctionJson_WhenParsed_HasExactlyOneKnownTrigger()
    {
        foreach (var function in _functions)
        {
            var triggers = function.Bindings.Where(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)).ToList();
            Assert.True(triggers.Count == 1, $"{function.Name}: expected one trigger, found {triggers.Count}");
            Assert.True(KnownTriggers.Contains(triggers[0].Type), $"{function.Name}: unknown trigger type {triggers[0].Type}");
            Assert.All(function.Bindings, b => Assert.False(string.IsNullOrWhiteSpace(b.Name), $"{function.Name}: a binding has no name"));
        }
    }

    [Fact]
    public void ServiceBusTriggers_WhenDefined_UseBinaryBodiesAndSingleMessages()
    {
        // Without dataType binary the body arrives double-encoded; cardinality many fails with custom handlers.
        foreach (var trigger in _functions.SelectMany(f => f.Bindings.Select(b => (f.Name, Binding: b)))
                     .Where(x => x.Binding.Type == "serviceBusTrigger"))
        {
            Assert.True(trigger.Binding.Get("dataType") == "binary", $"{trigger.Name}: serviceBusTrigger needs dataType binary");
            Assert.NotEqual("many", trigger.Binding.Get("cardinality"));
        }
    }

    [Fact]
    public void Triggers_WhenDefined_UseTheBindingNamesTheFunctionsRead()
    {
        // The invoked functions read their trigger by InvocationRequest's shared binding names.
        foreach (var function in _functions)
        {
            foreach (var binding in function.Bindings)
            {
                var expected = binding.Type switch
                {
                    "serviceBusTrigger" => InvocationRequest.MessageBinding,
                    "timerTrigger" => InvocationRequest.TimerBinding,
                    _ => binding.Name,
                };
                Assert.True(binding.Name == expected, $"{function.Name}: a {binding.Type} binding is named '{binding.Name}', not '{expected}'");
            }
        }
    }

    [Fact]
    public void EveryHttpFunction_WhenDefined_IsProxied()
    {
        // An httpTrigger with any other output is invoked with the request as payload, which the handler does not read.
        foreach (var function in _functions.Where(f => f.Bindings.Any(b => b.Type == "httpTrigger")))
        {
            Assert.True(function.IsProxiedHttp, $"{function.Name}: an HTTP function needs exactly one http output and no other binding");
        }
    }

    [Fact]
    public void EveryInvokedFunction_WhenMapped_HasExactlyOnePostEndpointNamedAfterIt()
    {
        foreach (var function in _functions.Where(f => !f.IsProxiedHttp))
        {
            var matches = InvokedEndpoints().Where(e => e.Name == function.Name).ToList();
            Assert.True(matches.Count == 1, $"{function.Name}: expected one POST /{function.Name} endpoint, found {matches.Count}");
            Assert.Equal("/" + function.Name, "/" + matches[0].Endpoint.RoutePattern.RawText?.TrimStart('/'));
        }
    }

    [Fact]
    public void EveryInvokedEndpoint_WhenMapped_HasAFunctionDefinition()
    {
        var invoked = _functions.Where(f => !f.IsProxiedHttp).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (name, _) in InvokedEndpoints())
        {
            Assert.True(invoked.Contains(name), $"POST /{name} has no function.json, so the host would never call it");
        }
    }

    [Fact]
    public void EveryApiEndpoint_WhenRequested_IsReachableThroughExactlyOneFunctionRoute()
    {
        // The catch-all (Unmatched) has the host's lowest route precedence: it is reached only where no other route matches.
        var routes = _functions.Where(f => f.IsProxiedHttp).Select(HttpRoute.From).Where(r => !IsCatchAll(r)).ToList();

        foreach (var endpoint in ApiEndpoints())
        {
            var path = SamplePath(endpoint.RoutePattern);
            foreach (var method in Methods(endpoint))
            {
                var reaching = routes.Where(r => r.Matches(path, method)).Select(r => r.Function).ToList();
                Assert.True(reaching.Count == 1,
                    $"{method} {endpoint.RoutePattern.RawText} (sample {path}) is reached by {reaching.Count} functions: {string.Join(", ", reaching)}");
            }
        }
    }

    [Fact]
    public void EveryFunctionRoute_WhenMatchedAgainstEndpoints_ReachesAtLeastOne()
    {
        var api = ApiEndpoints().Select(e => (Path: SamplePath(e.RoutePattern), Methods: Methods(e))).ToList();

        foreach (var route in _functions.Where(f => f.IsProxiedHttp).Select(HttpRoute.From).Where(r => !IsCatchAll(r)))
        {
            Assert.True(api.Any(e => e.Methods.Any(m => route.Matches(e.Path, m))),
                $"function {route.Function} (route {route.Template}) reaches no endpoint");
        }
    }

    [Fact]
    public void EveryEndpoint_WhenMapped_IsTheReadinessProbeAnInvokedFunctionOrUnderApi()
    {
        // Anything else would be unreachable in Azure: the host only forwards /api/... and POST /{FunctionName}.
        foreach (var endpoint in _endpoints)
        {
            var raw = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var allowed = raw == "/" || raw.StartsWith("/api/", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<InvokedFunctionAttribute>() is not null
                || raw.StartsWith("/openapi/", StringComparison.Ordinal);
            Assert.True(allowed, $"endpoint {raw} is not reachable through the Functions host");
        }
    }

    [Fact]
    public void TheOnlyCatchAllRoute_IsUnmatched_SoTheHostForwardsUnknownPathsForAProblemDetails404()
    {
        var catchAll = _functions.Where(f => f.IsProxiedHttp).Select(HttpRoute.From).Where(IsCatchAll).Select(r => r.Function).ToList();

        Assert.Equal(["Unmatched"], catchAll);
    }

    private static bool IsCatchAll(HttpRoute route) => route.Template.StartsWith("api/{*", StringComparison.Ordinal);

    private IEnumerable<RouteEndpoint> ApiEndpoints() =>
        _endpoints.Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal));

    private IEnumerable<(string Name, RouteEndpoint Endpoint)> InvokedEndpoints() =>
        _endpoints.Select(e => (Meta: e.Metadata.GetMetadata<InvokedFunctionAttribute>(), Endpoint: e))
            .Where(x => x.Meta is not null)
            .Select(x => (x.Meta!.Name, x.Endpoint));

    private static List<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } methods
            ? methods
            : ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>A concrete path the endpoint answers, e.g. /api/v1/persons/me/consents/x1.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "a/b",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.Empty.ToString(),
            RoutePatternParameterPart => "x1",
            _ => string.Empty,
        })));
        return "/" + string.Join('/', segments);
    }

    private sealed record HttpRoute(string Function, string Template, IReadOnlySet<string>? Methods, TemplateMatcher Matcher)
    {
        public static HttpRoute From(FunctionDefinition function)
        {
            var trigger = function.Bindings.Single(b => b.Type == "httpTrigger");
            var template = "api/" + (trigger.Get("route") ?? function.Name);
            var methods = trigger.GetArray("methods")?.Select(m => m.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            return new HttpRoute(function.Name, template, methods, new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()));
        }

        public bool Matches(string path, string method) =>
            (Methods is null || Methods.Contains(method)) && Matcher.TryMatch(path, new RouteValueDictionary());
    }
}

/// <summary>A function folder's definition as the Functions host reads it.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>Exactly one httpTrigger in and one http out: the host proxies the original request.</summary>
    public bool IsProxiedHttp =>
        Bindings.Count == 2 && Bindings.Any(b => b.Type == "httpTrigger") && Bindings.Any(b => b.Type == "http");

    public static IReadOnlyList<FunctionDefinition> LoadAll(string root) =>
        Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d =>
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "function.json")));
                var bindings = doc.RootElement.GetProperty("bindings").EnumerateArray()
                    .Select(b => new FunctionBinding(b.Clone())).ToList();
                return new FunctionDefinition(Path.GetFileName(d), bindings);
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}

public sealed record FunctionBinding(JsonElement Json)
{
    public string Type => Get("type") ?? string.Empty;

    public string Name => Get("name") ?? string.Empty;

    public string? Get(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public IReadOnlyList<string>? GetArray(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToList()
            : null;
}
