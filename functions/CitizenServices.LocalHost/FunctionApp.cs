using System.Text.RegularExpressions;

namespace CitizenServices.LocalHost;

/// <summary>host.json or a function.json that the LocalHost cannot run.</summary>
public sealed class FunctionAppConfigurationException : Exception
{
    public FunctionAppConfigurationException(string message) : base(message)
    {
    }

    public FunctionAppConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public FunctionAppConfigurationException()
    {
    }
}

/// <summary>The parts of host.json the LocalHost uses.</summary>
public sealed record HostDefinition(
    string RoutePrefix,
    string? DefaultExecutablePath,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory,
    bool EnableProxyingHttpRequest,
    TimeSpan FunctionTimeout);

/// <summary>One binding of a function.json, with <c>%Setting%</c> references already resolved.</summary>
public sealed record BindingDefinition(string Type, string Direction, string Name, JsonObject Properties)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsInput => string.Equals(Direction, "in", StringComparison.OrdinalIgnoreCase);

    public bool IsOutput => string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    public bool IsBinary => string.Equals(GetString("dataType"), "binary", StringComparison.OrdinalIgnoreCase);

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>A property by name, case-insensitively as the host reads function.json.</summary>
    public JsonNode? Get(string key) =>
        Properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public string? GetString(string key) =>
        Get(key) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public bool GetBool(string key) => Get(key) switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => bool.TryParse(s, out var b) && b,
        _ => false,
    };

    public IReadOnlyList<string> GetStrings(string key) => Get(key) switch
    {
        JsonArray array => array.Select(n => n?.GetValue<string>()).OfType<string>().ToArray(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}

/// <summary>One function: its folder name and bindings.</summary>
public sealed record FunctionDefinition(string Name, string Directory, IReadOnlyList<BindingDefinition> Bindings, bool Disabled)
{
    public BindingDefinition Trigger => Bindings.Single(b => b.IsTrigger);

    public IEnumerable<BindingDefinition> Outputs => Bindings.Where(b => b.IsOutput);

    /// <summary>
    /// Exactly one httpTrigger in and one http out: the host proxies the original request instead of invoking.
    /// </summary>
    public bool IsProxiedHttp =>
        Trigger.Is("httpTrigger")
        && Bindings.Count(b => b.IsInput) == 1
        && Bindings.Count(b => b.IsOutput) == 1
        && Bindings.Single(b => b.IsOutput).Is("http");
}

/// <summary>Reads host.json and the function.json files the way the Functions host does.</summary>
public static partial class FunctionAppReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> SupportedTriggers = new(StringComparer.OrdinalIgnoreCase)
    {
        "httpTrigger", "serviceBusTrigger", "timerTrigger",
    };

    private static readonly HashSet<string> SupportedOutputs = new(StringComparer.OrdinalIgnoreCase)
    {
        "http", "serviceBus",
    };

    public static HostDefinition ReadHost(string scriptRoot)
    {
        var path = Path.Combine(scriptRoot, "host.json");
        if (!File.Exists(path))
        {
            throw new FunctionAppConfigurationException($"host.json not found in script root '{scriptRoot}'.");
        }

        var root = ParseObject(path);
        var description = Child(Child(root, "customHandler"), "description");
        var routePrefix = Child(Child(root, "extensions"), "http") is { } http && Property(http, "routePrefix") is JsonValue prefix
            ? prefix.GetValue<string>()
            : "api";
        var timeout = Property(root, "functionTimeout") is JsonValue t && TimeSpan.TryParse(t.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : TimeSpan.FromMinutes(30);
        var arguments = Property(description ?? [], "arguments") is JsonArray args
            ? args.Select(a => a?.GetValue<string>() ?? string.Empty).ToArray()
            : [];
        var proxying = Property(Child(root, "customHandler") ?? [], "enableProxyingHttpRequest") is JsonValue p
                       && p.TryGetValue<bool>(out var enabled) && enabled;

        return new HostDefinition(
            routePrefix.Trim('/'),
            (Property(description ?? [], "defaultExecutablePath") as JsonValue)?.GetValue<string>(),
            arguments,
            (Property(description ?? [], "workingDirectory") as JsonValue)?.GetValue<string>(),
            proxying,
            timeout);
    }

    /// <summary>
    /// Every subfolder of <paramref name="functionsRoot"/> holding a function.json. <paramref name="resolveSetting"/>
    /// answers <c>%Setting%</c> references (app settings) in string properties.
    /// </summary>
    public static IReadOnlyList<FunctionDefinition> ReadFunctions(string functionsRoot, Func<string, string?> resolveSetting)
    {
        ArgumentNullException.ThrowIfNull(resolveSetting);
        if (!System.IO.Directory.Exists(functionsRoot))
        {
            throw new FunctionAppConfigurationException($"Functions root '{functionsRoot}' does not exist.");
        }

        var functions = new List<FunctionDefinition>();
        foreach (var folder in System.IO.Directory.GetDirectories(functionsRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (File.Exists(file))
            {
                functions.Add(ReadFunction(Path.GetFileName(folder), file, resolveSetting));
            }
        }

        return functions;
    }

    private static FunctionDefinition ReadFunction(string name, string file, Func<string, string?> resolveSetting)
    {
        JsonObject root;
        try
        {
            root = ParseObject(file);
        }
        catch (JsonException ex)
        {
            throw new FunctionAppConfigurationException($"Function '{name}': {file} is not valid JSON: {ex.Message}", ex);
        }

        if (Property(root, "bindings") is not JsonArray bindingArray)
        {
            throw new FunctionAppConfigurationException($"Function '{name}': function.json has no 'bindings' array.");
        }

        var bindings = new List<BindingDefinition>();
        foreach (var node in bindingArray)
        {
            if (node is not JsonObject raw)
            {
                throw new FunctionAppConfigurationException($"Function '{name}': every binding must be an object.");
            }

            var resolved = Resolve(name, (JsonObject)raw.DeepClone(), resolveSetting);
            var binding = new BindingDefinition(
                (Property(resolved, "type") as JsonValue)?.GetValue<string>() ?? string.Empty,
                (Property(resolved, "direction") as JsonValue)?.GetValue<string>() ?? string.Empty,
                (Property(resolved, "name") as JsonValue)?.GetValue<string>() ?? string.Empty,
                resolved);
            Validate(name, binding);
            bindings.Add(binding);
        }

        var triggers = bindings.Where(b => b.IsTrigger).ToList();
        if (triggers.Count != 1)
        {
            throw new FunctionAppConfigurationException(
                $"Function '{name}': expected exactly one trigger binding, found {triggers.Count}.");
        }

        var disabled = Property(root, "disabled") is JsonValue d && d.TryGetValue<bool>(out var isDisabled) && isDisabled;
        return new FunctionDefinition(name, Path.GetDirectoryName(file)!, bindings, disabled);
    }

    private static void Validate(string function, BindingDefinition binding)
    {
        if (string.IsNullOrWhiteSpace(binding.Type) || string.IsNullOrWhiteSpace(binding.Name))
        {
            throw new FunctionAppConfigurationException($"Function '{function}': every binding needs 'type' and 'name'.");
        }

        if (binding.IsTrigger)
        {
            if (!SupportedTriggers.Contains(binding.Type))
            {
                throw new FunctionAppConfigurationException(
                    $"Function '{function}': trigger type '{binding.Type}' is not supported by the LocalHost " +
                    $"(supported: {string.Join(", ", SupportedTriggers)}).");
            }

            if (binding.Is("serviceBusTrigger")
                && binding.GetString("queueName") is null
                && (binding.GetString("topicName") is null || binding.GetString("subscriptionName") is null))
            {
                throw new FunctionAppConfigurationException(
                    $"Function '{function}': serviceBusTrigger '{binding.Name}' needs queueName, or topicName and subscriptionName.");
            }

            if (binding.Is("timerTrigger") && binding.GetString("schedule") is null)
            {
                throw new FunctionAppConfigurationException($"Function '{function}': timerTrigger '{binding.Name}' needs a schedule.");
            }

            return;
        }

        if (binding.IsInput)
        {
            throw new FunctionAppConfigurationException(
                $"Function '{function}': input binding '{binding.Name}' of type '{binding.Type}' is not supported by the LocalHost.");
        }

        if (!binding.IsOutput)
        {
            throw new FunctionAppConfigurationException(
                $"Function '{function}': binding '{binding.Name}' has direction '{binding.Direction}', expected 'in' or 'out'.");
        }

        if (!SupportedOutputs.Contains(binding.Type))
        {
            throw new FunctionAppConfigurationException(
                $"Function '{function}': output binding type '{binding.Type}' is not supported by the LocalHost " +
                $"(supported: {string.Join(", ", SupportedOutputs)}).");
        }

        if (binding.Is("serviceBus") && binding.GetString("queueName") is null && binding.GetString("topicName") is null)
        {
            throw new FunctionAppConfigurationException(
                $"Function '{function}': serviceBus output '{binding.Name}' needs queueName or topicName.");
        }
    }

    // The host resolves %Setting% in binding properties from app settings; an unknown setting fails indexing.
    private static JsonObject Resolve(string function, JsonObject binding, Func<string, string?> resolveSetting)
    {
        foreach (var key in binding.Select(p => p.Key).ToList())
        {
            if (binding[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains('%', StringComparison.Ordinal))
            {
                binding[key] = SettingReference().Replace(text, match =>
                    resolveSetting(match.Groups[1].Value)
                    ?? throw new FunctionAppConfigurationException(
                        $"Function '{function}': binding property '{key}' refers to app setting '{match.Groups[1].Value}', which is not set."));
            }
        }

        return binding;
    }

    private static JsonObject ParseObject(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: DocumentOptions) as JsonObject
        ?? throw new FunctionAppConfigurationException($"{path} must hold a JSON object.");

    private static JsonNode? Property(JsonObject obj, string key) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject? Child(JsonObject? obj, string key) => obj is null ? null : Property(obj, key) as JsonObject;

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
