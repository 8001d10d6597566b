using CitizenServices.Infrastructure.Storage;

namespace CitizenServices.DeploymentTests;

[Collection(InfraTestGroup.Name)]
public sealed class DeploymentConsistencyTests(CompiledTemplateFixture compiled) : IDisposable
{
    private readonly string _definitions = Directory.CreateTempSubdirectory("citizen-services-definitions-").FullName;

    public void Dispose() => Directory.Delete(_definitions, recursive: true);

    [Fact]
    public void Check_CurrentRepository_ReportsNoProblems()
    {
        var functions = FunctionBindings.Load(Repository.HostJson, Repository.FunctionDefinitions);

        var problems = DeploymentConsistency.Check(compiled.Template, functions, StorageNames.Catalog);

        Assert.Empty(problems);
    }

    [Fact]
    public void Check_WhenBindingsUseEveryDeclaredEntity_ReportsNoProblems()
    {
        // Every Service Bus function, written out here as well as copied from the repository, so the check is shown to
        // accept each binding shape explicitly, not only to stay quiet about what the repository happens to hold.
        CopyRepositoryDefinitions();
        AddFunction("CareRelationsInbox", ServiceBusTrigger(queue: "care-relations-inbound"));
        AddFunction("AuditRelay", TimerTrigger(), ServiceBusOutput(topic: "citizen-events"));
        AddFunction("Notifier", ServiceBusTrigger(topic: "citizen-events", subscription: "notifications"), ServiceBusOutput(queue: "notifications-outbound"));
        AddFunction("FastlegeInformer", ServiceBusTrigger(topic: "citizen-events", subscription: "fastlege"), ServiceBusOutput(queue: "fastlege-outbound"));
        var functions = FunctionBindings.Load(Repository.HostJson, _definitions);

        var problems = DeploymentConsistency.Check(compiled.Template, functions, StorageNames.Catalog);

        Assert.Equal(6, functions.ServiceBus.Count);
        Assert.Empty(problems);
    }

    [Fact]
    public void Check_WhenFunctionTriggersOnQueueMissingFromBicep_ReportsTheQueue()
    {
        CopyRepositoryDefinitions();
        AddFunction("ReferralsInbox", ServiceBusTrigger(queue: "referrals-inbound"));

        var problems = Check();

        Assert.Contains("ReferralsInbox (trigger): Service Bus queue 'referrals-inbound' is not in infra/.", problems);
    }

    [Fact]
    public void Check_WhenOutputSendsToTopicMissingFromBicep_ReportsTheTopic()
    {
        CopyRepositoryDefinitions();
        AddFunction("AuditRelay", TimerTrigger(), ServiceBusOutput(topic: "audit-events"));

        var problems = Check();

        Assert.Contains("AuditRelay (output): Service Bus topic 'audit-events' is not in infra/.", problems);
    }

    [Fact]
    public void Check_WhenTriggerUsesUnknownSubscription_ReportsTheSubscription()
    {
        CopyRepositoryDefinitions();
        AddFunction("Auditor", ServiceBusTrigger(topic: "citizen-events", subscription: "audit"));

        var problems = Check();

        Assert.Contains("Auditor (trigger): Service Bus subscription 'citizen-events/audit' is not in infra/.", problems);
    }

    [Fact]
    public void Check_WhenBindingOmitsConnection_ReportsTheDefaultConnectionHasNoSettings()
    {
        CopyRepositoryDefinitions();
        AddFunction("CareRelationsInbox", ServiceBusTrigger(queue: "care-relations-inbound", connection: null));

        var problems = Check();

        Assert.Contains(problems, p => p.StartsWith(
            "CareRelationsInbox (trigger): connection 'AzureWebJobsServiceBus' lacks app settings AzureWebJobsServiceBus__fullyQualifiedNamespace",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Check_WhenOwnerRoleOnSubscriptionIsRemoved_ReportsTheMissingRole()
    {
        CopyRepositoryDefinitions();
        AddFunction("Notifier", ServiceBusTrigger(topic: "citizen-events", subscription: "notifications"));
        var broken = ArmTemplate.Parse(WithoutResources(compiled.Json, r =>
            r["type"]?.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
            && r["scope"]?.GetValue<string>().Contains("subscriptions', parameters('name'), variables('routing').topic, 'notifications')", StringComparison.Ordinal) == true));

        var problems = DeploymentConsistency.Check(broken, FunctionBindings.Load(Repository.HostJson, _definitions), StorageNames.Catalog);

        Assert.Equal(
            ["Notifier (trigger): the app identity has no Azure Service Bus Data Owner role on subscription 'citizen-events/notifications'."],
            problems);
    }

    [Fact]
    public void Check_WhenStorageCatalogHasTableMissingFromBicep_ReportsTheTable()
    {
        var catalog = StorageNames.Catalog with { Tables = [.. StorageNames.Catalog.Tables, "consents"] };

        var problems = DeploymentConsistency.Check(
            compiled.Template, FunctionBindings.Load(Repository.HostJson, Repository.FunctionDefinitions), catalog);

        Assert.Equal(["StorageNames: table 'consents' is not in infra/."], problems);
    }

    [Fact]
    public void Check_WhenStorageRoleIsRemoved_ReportsTheMissingRole()
    {
        var broken = ArmTemplate.Parse(WithoutResources(compiled.Json, r =>
            (r["properties"] as JsonObject)?["roleDefinitionId"]?.ToString().Contains("storageTableDataContributor", StringComparison.Ordinal) == true));

        var problems = DeploymentConsistency.Check(
            broken, FunctionBindings.Load(Repository.HostJson, Repository.FunctionDefinitions), StorageNames.Catalog);

        Assert.Single(problems);
        Assert.StartsWith("The app identity has no Storage Table Data Contributor role on storage account", problems[0], StringComparison.Ordinal);
    }

    private List<string> Check() =>
        [.. DeploymentConsistency.Check(compiled.Template, FunctionBindings.Load(Repository.HostJson, _definitions), StorageNames.Catalog)];

    private void CopyRepositoryDefinitions()
    {
        foreach (var directory in Directory.GetDirectories(Repository.FunctionDefinitions))
        {
            var target = Directory.CreateDirectory(Path.Combine(_definitions, Path.GetFileName(directory)));
            foreach (var file in Directory.GetFiles(directory))
            {
                File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
            }
        }
    }

    private void AddFunction(string name, params JsonObject[] bindings)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_definitions, name));
        var definition = new JsonObject { ["bindings"] = new JsonArray([.. bindings]) };
        File.WriteAllText(Path.Combine(directory.FullName, "function.json"), definition.ToJsonString());
    }

    private static JsonObject ServiceBusTrigger(string? queue = null, string? topic = null, string? subscription = null,
        string? connection = "ServiceBusConnection")
    {
        var binding = new JsonObject { ["type"] = "serviceBusTrigger", ["direction"] = "in", ["name"] = "message", ["dataType"] = "binary" };
        Set(binding, "queueName", queue);
        Set(binding, "topicName", topic);
        Set(binding, "subscriptionName", subscription);
        Set(binding, "connection", connection);
        return binding;
    }

    private static JsonObject ServiceBusOutput(string? queue = null, string? topic = null)
    {
        var binding = new JsonObject { ["type"] = "serviceBus", ["direction"] = "out", ["name"] = "messages", ["connection"] = "ServiceBusConnection" };
        Set(binding, "queueName", queue);
        Set(binding, "topicName", topic);
        return binding;
    }

    private static JsonObject TimerTrigger() =>
        new() { ["type"] = "timerTrigger", ["direction"] = "in", ["name"] = "timer", ["schedule"] = "0 */1 * * * *" };

    private static void Set(JsonObject binding, string key, string? value)
    {
        if (value is not null)
        {
            binding[key] = value;
        }
    }

    /// <summary>The compiled template with matching resources removed from every module: a deliberately broken copy.</summary>
    private static string WithoutResources(string json, Func<JsonObject, bool> remove)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var removed = Remove(root, remove);
        Assert.True(removed > 0, "the broken copy must actually lack something");
        return root.ToJsonString();

        static int Remove(JsonObject template, Func<JsonObject, bool> remove)
        {
            var resources = template["resources"]!.AsArray();
            var count = 0;
            foreach (var resource in resources.OfType<JsonObject>().ToList())
            {
                if (remove(resource))
                {
                    resources.Remove(resource);
                    count++;
                }
                else if ((resource["properties"] as JsonObject)?["template"] is JsonObject nested)
                {
                    count += Remove(nested, remove);
                }
            }

            return count;
        }
    }
}
