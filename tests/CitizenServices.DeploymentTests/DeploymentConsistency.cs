using CitizenServices.Infrastructure.Storage;

namespace CitizenServices.DeploymentTests;

/// <summary>
/// Compares what the code and the function definitions use with what the compiled Bicep deploys. The app has
/// data-plane roles only and cannot create entities, so anything missing here is a production outage that no local
/// test (Azurite, the LocalHost stand-in) would show.
/// </summary>
internal static class DeploymentConsistency
{
    public static class Roles
    {
        public const string ServiceBusDataOwner = "090c5cfd-751d-490a-894a-3ce6f1109419";
        public const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
        public const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    }

    public const string FunctionAppType = "Microsoft.Web/sites";

    /// <summary>Every mismatch, as a readable sentence; empty when the deployment covers everything.</summary>
    public static IReadOnlyList<string> Check(ArmTemplate arm, FunctionBindings functions, StorageCatalog storage)
    {
        var problems = new List<string>(functions.Problems);
        var site = arm.OfType(FunctionAppType).SingleOrDefault();
        if (site is null)
        {
            return [.. problems, "The template deploys no function app (Microsoft.Web/sites)."];
        }

        var settings = AppSettings(arm);
        var principal = AppPrincipal(site);
        if (principal is null)
        {
            problems.Add("The function app has no user-assigned identity whose principal the role assignments could use.");
        }

        var queues = arm.OfType("Microsoft.ServiceBus/namespaces/queues").ToList();
        var topics = arm.OfType("Microsoft.ServiceBus/namespaces/topics").ToList();
        var subscriptions = arm.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions").ToList();

        foreach (var binding in functions.ServiceBus)
        {
            var where = $"{binding.Function} ({(binding.Receives ? "trigger" : "output")})";
            ArmResource? entity;
            string description;
            if (binding.Queue is not null)
            {
                description = $"queue '{binding.Queue}'";
                entity = queues.FirstOrDefault(q => q.LastName == binding.Queue);
            }
            else if (binding.Receives)
            {
                description = $"subscription '{binding.Topic}/{binding.Subscription}'";
                entity = subscriptions.FirstOrDefault(s => s.Name.EndsWith($"/{binding.Topic}/{binding.Subscription}", StringComparison.Ordinal));
            }
            else
            {
                description = $"topic '{binding.Topic}'";
                entity = topics.FirstOrDefault(t => t.LastName == binding.Topic);
            }

            if (entity is null)
            {
                problems.Add($"{where}: Service Bus {description} is not in infra/.");
            }
            else if (principal is not null)
            {
                // A trigger needs Owner, not Receiver: the scale controller's monitor reads message counts with the Manage
                // claim, and without it the app scales out one instance at a time.
                var role = binding.Receives ? Roles.ServiceBusDataOwner : Roles.ServiceBusDataSender;
                var roleName = binding.Receives ? "Azure Service Bus Data Owner" : "Azure Service Bus Data Sender";
                if (!HasRole(arm, entity.Id, role, principal) && !HasRole(arm, entity.Id, Roles.ServiceBusDataOwner, principal))
                {
                    problems.Add($"{where}: the app identity has no {roleName} role on {description}.");
                }
            }

            RequireIdentityConnection(problems, settings, binding.Connection, "fullyQualifiedNamespace", where);
        }

        // The handler publishes domain events itself (EventPublisherOptions.Topic) with the bindings' connection settings.
        var eventTopic = new CitizenServices.Infrastructure.Events.EventPublisherOptions().Topic;
        var publishedTo = topics.FirstOrDefault(t => t.LastName == eventTopic);
        if (publishedTo is null)
        {
            problems.Add($"Event publisher: Service Bus topic '{eventTopic}' is not in infra/.");
        }
        else if (principal is not null
            && !HasRole(arm, publishedTo.Id, Roles.ServiceBusDataSender, principal) && !HasRole(arm, publishedTo.Id, Roles.ServiceBusDataOwner, principal))
        {
            problems.Add($"Event publisher: the app identity has no Azure Service Bus Data Sender role on topic '{eventTopic}'.");
        }

        RequireIdentityConnection(problems, settings, CitizenServices.Infrastructure.Events.EventsServiceCollectionExtensions.ServiceBusConnection, "fullyQualifiedNamespace", "Event publisher");

        var tables = arm.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").ToList();
        var containers = arm.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var storageQueues = arm.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").ToList();
        problems.AddRange(storage.Tables.Where(t => !tables.Any(r => string.Equals(r.LastName, t, StringComparison.OrdinalIgnoreCase)))
            .Select(t => $"StorageNames: table '{t}' is not in infra/."));
        problems.AddRange(storage.Containers.Where(c => !containers.Any(r => r.LastName == c))
            .Select(c => $"StorageNames: blob container '{c}' is not in infra/."));
        problems.AddRange(storage.Queues.Where(q => !storageQueues.Any(r => r.LastName == q))
            .Select(q => $"StorageNames: storage queue '{q}' is not in infra/."));
        foreach (var binding in functions.StorageQueues)
        {
            if (!storageQueues.Any(r => r.LastName == binding.Queue))
            {
                problems.Add($"{binding.Function}: storage queue '{binding.Queue}' is not in infra/.");
            }

            RequireIdentityConnection(problems, settings, binding.Connection, "accountName", binding.Function);
        }

        foreach (var connection in functions.ExtraConnections)
        {
            if (!settings.Keys.Any(k => k.StartsWith(connection + "__", StringComparison.Ordinal)) && !settings.ContainsKey(connection))
            {
                problems.Add($"host.json: connection '{connection}' has no app settings.");
            }
        }

        // The storage account holding the app's tables: the app needs data roles on it, and the settings pointing to it.
        var account = arm.OfType("Microsoft.Storage/storageAccounts").FirstOrDefault(a => tables.Any(t => t.Name.StartsWith(a.Name + "/", StringComparison.Ordinal)));
        if (account is null)
        {
            problems.Add("No storage account holds the app's tables.");
        }
        else if (principal is not null)
        {
            foreach (var (role, name) in new[]
            {
                (Roles.StorageTableDataContributor, "Storage Table Data Contributor"),
                (Roles.StorageBlobDataOwner, "Storage Blob Data Owner"),
                (Roles.StorageQueueDataContributor, "Storage Queue Data Contributor"),
            })
            {
                if (!HasRole(arm, account.Id, role, principal))
                {
                    problems.Add($"The app identity has no {name} role on storage account {account.Name}.");
                }
            }
        }

        foreach (var key in new[] { "Storage__TableServiceUri", "Storage__BlobServiceUri", "Storage__QueueServiceUri", "Storage__ManagedIdentityClientId" })
        {
            if (!settings.ContainsKey(key))
            {
                problems.Add($"App setting {key} (read by the handler's Storage options) is missing.");
            }
        }

        RequireIdentityConnection(problems, settings, FunctionBindings.DefaultStorageConnection, "accountName", "Functions host");
        return problems;
    }

    /// <summary>The function app's app settings (the sites/config 'appsettings' resource).</summary>
    public static IReadOnlyDictionary<string, object?> AppSettings(ArmTemplate arm) =>
        arm.OfType("Microsoft.Web/sites/config").FirstOrDefault(c => c.LastName == "appsettings")?.Properties
            as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>();

    /// <summary>
    /// The principal id the app runs as. The site's identity is a module output (…outputs.id.value); the principal of
    /// that same identity is the sibling output …outputs.principalId.value, which is what role assignments must use.
    /// </summary>
    public static string? AppPrincipal(ArmResource site)
    {
        if (site.Body.GetValueOrDefault("identity") is not IReadOnlyDictionary<string, object?> identity
            || identity.GetValueOrDefault("userAssignedIdentities") is not IReadOnlyDictionary<string, object?> assigned
            || assigned.Count != 1)
        {
            return null;
        }

        const string idOutput = ".outputs.id.value";
        var id = assigned.Keys.Single();
        return id.EndsWith(idOutput, StringComparison.Ordinal) ? id[..^idOutput.Length] + ".outputs.principalId.value" : id;
    }

    public static bool HasRole(ArmTemplate arm, string scopeId, string roleDefinitionGuid, string principal) =>
        arm.OfType("Microsoft.Authorization/roleAssignments").Any(a =>
            string.Equals(a.Scope, scopeId, StringComparison.OrdinalIgnoreCase)
            && ArmScope.Text(a.Get("roleDefinitionId")).EndsWith("/" + roleDefinitionGuid, StringComparison.OrdinalIgnoreCase)
            && ArmScope.Text(a.Get("principalId")) == principal);

    private static void RequireIdentityConnection(
        List<string> problems, IReadOnlyDictionary<string, object?> settings, string connection, string endpointSetting, string where)
    {
        var missing = new[] { endpointSetting, "credential", "clientId" }
            .Select(suffix => $"{connection}__{suffix}")
            .Where(key => !settings.ContainsKey(key))
            .ToList();
        if (missing.Count > 0)
        {
            var message = $"{where}: connection '{connection}' lacks app settings {string.Join(", ", missing)}.";
            if (!problems.Contains(message))
            {
                problems.Add(message);
            }
        }
        else if (!string.Equals(ArmScope.Text(settings[$"{connection}__credential"]), "managedidentity", StringComparison.Ordinal))
        {
            problems.Add($"{where}: {connection}__credential must be 'managedidentity'.");
        }
    }
}
