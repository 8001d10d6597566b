using Microsoft.Extensions.Configuration;

namespace CitizenServices.LocalHost;

/// <summary>Turns command-line/configuration values into <see cref="LocalHostOptions"/> for Program.</summary>
public static class LocalHostConfiguration
{
    /// <summary>Command-line switches and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--script-root"] = "LocalHost:ScriptRoot",
        ["--functions-root"] = "LocalHost:FunctionsRoot",
        ["--urls"] = "LocalHost:Urls",
        ["--handler"] = "LocalHost:Handler",
        ["--handler-port"] = "LocalHost:HandlerPort",
        ["--working-directory"] = "LocalHost:WorkingDirectory",
        ["--storage"] = "Storage:ConnectionString",
        ["--max-delivery-count"] = "LocalHost:DefaultMaxDeliveryCount",
        ["--retry-delay"] = "LocalHost:RetryDelay",
        ["--poll-interval"] = "LocalHost:QueuePollInterval",
        ["--subscriptions"] = "LocalHost:ExtraSubscriptions",
        ["--service-bus-rules"] = "LocalHost:ServiceBusRules",
    };

    public static LocalHostOptions Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("LocalHost");
        var scriptRoot = Path.GetFullPath(section["ScriptRoot"] ?? Directory.GetCurrentDirectory());

        // Like Core Tools: local.settings.json "Values" become app settings (the handler's environment).
        var environment = ReadLocalSettings(scriptRoot);
        foreach (var setting in section.GetSection("Environment").GetChildren())
        {
            environment[setting.Key] = setting.Value;
        }

        var storage = configuration["Storage:ConnectionString"]
            ?? configuration["AzureWebJobsStorage"]
            ?? (environment.TryGetValue("AzureWebJobsStorage", out var fromSettings) ? fromSettings : null);
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new InvalidOperationException(
                "No storage connection string: set Storage:ConnectionString, --storage, or AzureWebJobsStorage (e.g. to Azurite's).");
        }

        var maxDeliveryCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in section.GetSection("MaxDeliveryCounts").GetChildren())
        {
            maxDeliveryCounts[entity.Key] = int.Parse(entity.Value!, CultureInfo.InvariantCulture);
        }

        return new LocalHostOptions
        {
            ScriptRoot = scriptRoot,
            FunctionsRoot = section["FunctionsRoot"] is { } functionsRoot ? Path.GetFullPath(functionsRoot) : null,
            HandlerCommand = section["Handler"] is { Length: > 0 } handler ? SplitCommandLine(handler) : null,
            WorkingDirectory = section["WorkingDirectory"],
            HandlerPort = section.GetValue<int?>("HandlerPort"),
            HandlerEnvironment = environment,
            ListenUrl = new Uri((section["Urls"] ?? "http://127.0.0.1:7071").Split(';')[0]),
            StorageConnectionString = storage,
            DefaultMaxDeliveryCount = section.GetValue("DefaultMaxDeliveryCount", 10),
            MaxDeliveryCounts = maxDeliveryCounts,
            RetryDelay = section.GetValue("RetryDelay", TimeSpan.FromSeconds(1)),
            QueuePollInterval = section.GetValue("QueuePollInterval", TimeSpan.FromSeconds(1)),
            HandlerRestartDelay = section.GetValue("HandlerRestartDelay", TimeSpan.FromSeconds(1)),
            HandlerRestartLimit = section.GetValue("HandlerRestartLimit", 3),
            ServiceBusRulesFile = section["ServiceBusRules"] is { Length: > 0 } rules ? Path.GetFullPath(rules) : null,
            ExtraSubscriptions = (section["ExtraSubscriptions"] ?? string.Empty)
                .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ParseSubscription)
                .ToList(),
        };
    }

    /// <summary>Splits a command line on spaces, keeping double-quoted parts together.</summary>
    public static IReadOnlyList<string> SplitCommandLine(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private static TopicSubscription ParseSubscription(string text)
    {
        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            ? new TopicSubscription(parts[0], parts[1])
            : throw new InvalidOperationException($"Extra subscription '{text}' must look like 'topic/subscription'.");
    }

    private static Dictionary<string, string?> ReadLocalSettings(string scriptRoot)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var path = Path.Combine(scriptRoot, "local.settings.json");
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject root && root["Values"] is JsonObject settings)
        {
            foreach (var (key, value) in settings)
            {
                values[key] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString();
            }
        }

        return values;
    }
}
