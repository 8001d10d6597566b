namespace CitizenServices.DeploymentTests;

/// <summary>A Service Bus binding: a trigger receives, an output sends.</summary>
internal sealed record ServiceBusBinding(string Function, bool Receives, string? Queue, string? Topic, string? Subscription, string Connection);

/// <summary>A storage queue binding (queueTrigger or queue output).</summary>
internal sealed record StorageQueueBinding(string Function, string Queue, string Connection);

/// <summary>What the function definitions (and host.json) need from the infrastructure.</summary>
internal sealed record FunctionBindings(
    IReadOnlyList<ServiceBusBinding> ServiceBus,
    IReadOnlyList<StorageQueueBinding> StorageQueues,
    IReadOnlyList<string> ExtraConnections,
    IReadOnlyList<string> Problems)
{
    // The Service Bus and storage extensions' defaults when a binding names no connection.
    public const string DefaultServiceBusConnection = "AzureWebJobsServiceBus";
    public const string DefaultStorageConnection = "AzureWebJobsStorage";

    public static FunctionBindings Load(string hostJsonPath, string definitionsDirectory)
    {
        var serviceBus = new List<ServiceBusBinding>();
        var storageQueues = new List<StorageQueueBinding>();
        var problems = new List<string>();

        foreach (var file in Directory.GetFiles(definitionsDirectory, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var function = Path.GetFileName(Path.GetDirectoryName(file)!);
            var bindings = JsonNode.Parse(File.ReadAllText(file))?["bindings"]?.AsArray() ?? [];
            foreach (var binding in bindings.OfType<JsonObject>())
            {
                var type = binding["type"]?.GetValue<string>() ?? "";
                var queue = binding["queueName"]?.GetValue<string>();
                var topic = binding["topicName"]?.GetValue<string>();
                var subscription = binding["subscriptionName"]?.GetValue<string>();
                var connection = binding["connection"]?.GetValue<string>();

                if (new[] { queue, topic, subscription, connection }.Any(v => v?.Contains('%', StringComparison.Ordinal) == true))
                {
                    // %AppSetting% names are resolved at run time; the check needs literal names to compare with infra/.
                    problems.Add($"{function}: binding '{binding["name"]}' uses a %setting% expression; use literal entity names.");
                    continue;
                }

                switch (type.ToLowerInvariant())
                {
                    case "servicebustrigger":
                    case "servicebus":
                        var receives = type.Equals("serviceBusTrigger", StringComparison.OrdinalIgnoreCase);
                        if (queue is null && topic is null)
                        {
                            problems.Add($"{function}: Service Bus binding '{binding["name"]}' names neither queueName nor topicName.");
                        }
                        else if (receives && topic is not null && subscription is null)
                        {
                            problems.Add($"{function}: trigger on topic '{topic}' names no subscriptionName.");
                        }
                        else
                        {
                            serviceBus.Add(new ServiceBusBinding(function, receives, queue, topic, receives ? subscription : null,
                                connection ?? DefaultServiceBusConnection));
                        }

                        break;
                    case "queuetrigger":
                    case "queue":
                        if (queue is null)
                        {
                            problems.Add($"{function}: storage queue binding '{binding["name"]}' names no queueName.");
                        }
                        else
                        {
                            storageQueues.Add(new StorageQueueBinding(function, queue, connection ?? DefaultStorageConnection));
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        return new FunctionBindings(serviceBus, storageQueues, ConnectionsIn(JsonNode.Parse(File.ReadAllText(hostJsonPath))), problems);
    }

    /// <summary>
    /// Connection names host.json itself refers to (none today; extensions such as Durable Functions put a
    /// `connectionName`/`connection` in their host.json section), so adding one without infrastructure fails too.
    /// </summary>
    private static List<string> ConnectionsIn(JsonNode? node)
    {
        var found = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "connection" or "connectionName" or "connectionStringName" && value is JsonValue v && v.TryGetValue<string>(out var name))
                    {
                        found.Add(name);
                    }
                    else
                    {
                        found.AddRange(ConnectionsIn(value));
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    found.AddRange(ConnectionsIn(item));
                }

                break;
            default:
                break;
        }

        return found;
    }
}
