namespace CitizenServices.DeploymentTests;

[Collection(InfraTestGroup.Name)]
public sealed class BicepTemplateTests(CompiledTemplateFixture compiled)
{
    [Fact]
    public void Build_MainTemplate_SucceedsWithoutDiagnostics()
    {
        Assert.Equal(0, compiled.Build.ExitCode);
        // bicep build prints linter warnings but still exits 0, so the output itself must be empty.
        Assert.True(string.IsNullOrWhiteSpace(compiled.Build.Combined), compiled.Build.ToString());
        Assert.Contains("\"$schema\"", compiled.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNoDiagnostics()
    {
        var lint = await BicepCli.LintAsync(Repository.InfraMain);

        Assert.Equal(0, lint.ExitCode);
        Assert.True(string.IsNullOrWhiteSpace(lint.Combined), lint.ToString());
    }

    [Fact]
    public void Modules_AreLocalFiles_NotRegistryModules()
    {
        var sources = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            // The build is offline: a br:/ts: module reference would need a registry at compile time.
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts/", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FunctionApp_RunsCustomHandlerOnFlexConsumption()
    {
        var plan = Assert.Single(compiled.Template.OfType("Microsoft.Web/serverfarms"));
        var sku = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(plan.Body["sku"]);
        Assert.Equal("FC1", sku["name"]);
        Assert.Equal(true, plan.Get("reserved"));

        var site = Assert.Single(compiled.Template.OfType(DeploymentConsistency.FunctionAppType));
        Assert.Equal("functionapp,linux", site.Body["kind"]);
        Assert.Equal(true, site.Get("httpsOnly"));
        Assert.Equal("custom", site.Get("functionAppConfig", "runtime", "name"));
        Assert.Equal("1.0", site.Get("functionAppConfig", "runtime", "version"));
        Assert.Equal("blobContainer", site.Get("functionAppConfig", "deployment", "storage", "type"));
        Assert.Equal("UserAssignedIdentity", site.Get("functionAppConfig", "deployment", "storage", "authentication", "type"));
        Assert.IsType<long>(site.Get("functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount"));
        Assert.IsType<long>(site.Get("functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB"));
        Assert.Equal("azd-service-name", Assert.Single(
            (IReadOnlyDictionary<string, object?>)site.Body["tags"]!, t => Equals(t.Value, "api")).Key);
    }

    [Fact]
    public void AppSettings_AreIdentityBasedWithoutSecrets()
    {
        var settings = DeploymentConsistency.AppSettings(compiled.Template);

        foreach (var key in new[]
        {
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
            "ServiceBusConnection__fullyQualifiedNamespace", "ServiceBusConnection__credential", "ServiceBusConnection__clientId",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
            "Storage__TableServiceUri", "Storage__BlobServiceUri", "Storage__QueueServiceUri", "Storage__ManagedIdentityClientId",
        })
        {
            Assert.True(settings.ContainsKey(key), $"missing app setting {key}");
        }

        // Flex Consumption rejects it; the runtime comes from functionAppConfig.runtime.
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage setting means a connection string");
        Assert.StartsWith("ClientId=", ArmScope.Text(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]), StringComparison.Ordinal);
        Assert.EndsWith(";Authorization=AAD", ArmScope.Text(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]), StringComparison.Ordinal);
        foreach (var (key, value) in settings)
        {
            var text = ArmScope.Text(value);
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(key.EndsWith("__credential", StringComparison.Ordinal) && text != "managedidentity", key);
        }
    }

    [Fact]
    public void StorageAccount_AcceptsOnlyEntraIdOverTls12()
    {
        var account = Assert.Single(compiled.Template.OfType("Microsoft.Storage/storageAccounts"));

        Assert.Equal(false, account.Get("allowSharedKeyAccess"));
        Assert.Equal(false, account.Get("allowBlobPublicAccess"));
        Assert.Equal("TLS1_2", account.Get("minimumTlsVersion"));
        Assert.Equal(true, account.Get("supportsHttpsTrafficOnly"));
    }

    [Fact]
    public void ServiceBus_EveryQueueAndSubscription_HasExplicitDeliveryLimitAndDeadLettering()
    {
        var ns = Assert.Single(compiled.Template.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.Equal("Standard", ((IReadOnlyDictionary<string, object?>)ns.Body["sku"]!)["name"]);
        Assert.Equal(true, ns.Get("disableLocalAuth"));

        var entities = compiled.Template.OfType("Microsoft.ServiceBus/namespaces/queues")
            .Concat(compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"))
            .ToList();
        Assert.Equal(
            ["care-relations-inbound", "fastlege", "fastlege-outbound", "notifications", "notifications-outbound"],
            entities.Select(e => e.LastName).Order(StringComparer.Ordinal));
        Assert.All(entities, e =>
        {
            Assert.True(e.Get("maxDeliveryCount") is long count && count > 0, $"{e.Name}: maxDeliveryCount");
            Assert.Equal(true, e.Get("deadLetteringOnMessageExpiration"));
        });
        Assert.Equal("citizen-events", Assert.Single(compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics")).LastName);
    }

    [Fact]
    public void ServiceBus_EventTopic_DetectsDuplicatesWithinTheRoutingFilesWindow()
    {
        var routing = Routing();
        var topic = Assert.Single(compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics"));

        Assert.Equal(routing["topic"]!.GetValue<string>(), topic.LastName);
        Assert.Equal(true, topic.Get("requiresDuplicateDetection"));
        var window = System.Xml.XmlConvert.ToTimeSpan((string)topic.Get("duplicateDetectionHistoryTimeWindow")!);
        Assert.Equal(System.Xml.XmlConvert.ToTimeSpan(routing["duplicateDetectionHistoryTimeWindow"]!.GetValue<string>()), window);

        // Long enough to cover a re-send by the sweep after a failed delete (dispatch grace + one sweep period + a run),
        // within what Service Bus allows (20 s to 7 days).
        var outbox = new CitizenServices.Infrastructure.Events.OutboxOptions();
        Assert.True(window >= outbox.DispatchGrace + TimeSpan.FromMinutes(2), $"window {window}");
        Assert.True(window <= TimeSpan.FromDays(7));
    }

    [Fact]
    public void ServiceBus_EverySubscription_ReplacesTheDefaultRuleWithAFilterOnTheRoutingFilesSubjects()
    {
        var routing = Routing()["subscriptions"]!.AsObject();
        var rules = compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions/rules").ToList();

        Assert.Equal(routing.Select(r => r.Key).Order(StringComparer.Ordinal), rules.Select(r => r.Name.Split('/')[^2]).Order(StringComparer.Ordinal));
        Assert.All(rules, rule => Assert.Equal("$Default", rule.LastName));
        foreach (var rule in rules)
        {
            var subjects = routing[rule.Name.Split('/')[^2]]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            if (subjects.Count == 1)
            {
                Assert.Equal("CorrelationFilter", rule.Get("filterType"));
                Assert.Equal(subjects[0], rule.Get("correlationFilter", "label"));
            }
            else
            {
                Assert.Equal("SqlFilter", rule.Get("filterType"));
                Assert.Equal($"sys.Label IN ({string.Join(", ", subjects.Select(s => $"'{s}'"))})", rule.Get("sqlFilter", "sqlExpression"));
            }
        }
    }

    [Fact]
    public void ServiceBus_TriggeredEntities_GrantTheAppDataOwnerForTheScaleMonitor()
    {
        var site = Assert.Single(compiled.Template.OfType(DeploymentConsistency.FunctionAppType));
        var principal = DeploymentConsistency.AppPrincipal(site)!;
        var triggered = compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions")
            .Concat(compiled.Template.OfType("Microsoft.ServiceBus/namespaces/queues").Where(q => q.LastName.EndsWith("-inbound", StringComparison.Ordinal)))
            .ToList();

        Assert.Equal(3, triggered.Count); // care-relations-inbound, citizen-events/notifications, citizen-events/fastlege
        Assert.All(triggered, entity => Assert.True(
            DeploymentConsistency.HasRole(compiled.Template, entity.Id, DeploymentConsistency.Roles.ServiceBusDataOwner, principal),
            $"{entity.Name}: no Azure Service Bus Data Owner for the app"));
    }

    [Fact]
    public void Routing_SubscriptionSubjects_AreExactlyTheTypesEachConsumerHandles()
    {
        var routing = Routing()["subscriptions"]!.AsObject();
        var notifying = CitizenServices.Domain.Events.NotificationPlanner.Rules.Select(r => r.EventType).Distinct();

        Assert.Equal(notifying.Order(StringComparer.Ordinal), routing["notifications"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal([CitizenServices.Domain.Events.EventTypes.NettlegeConsultationCompleted], routing["fastlege"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.All(
            routing.SelectMany(r => r.Value!.AsArray()).Select(s => s!.GetValue<string>()),
            type => Assert.True(CitizenServices.Domain.Events.EventTypes.CurrentVersions.ContainsKey(type), $"unknown event type {type}"));
    }

    private static System.Text.Json.Nodes.JsonObject Routing() =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "citizen-events-routing.json")))!.AsObject();

    [Fact]
    public void ApplicationInsights_RequiresEntraIdAndTheAppMayPublish()
    {
        var insights = Assert.Single(compiled.Template.OfType("Microsoft.Insights/components"));
        var site = Assert.Single(compiled.Template.OfType(DeploymentConsistency.FunctionAppType));

        Assert.Equal(true, insights.Get("DisableLocalAuth"));
        Assert.NotNull(insights.Get("WorkspaceResourceId"));
        Assert.True(DeploymentConsistency.HasRole(compiled.Template, insights.Id,
            DeploymentConsistency.Roles.MonitoringMetricsPublisher, DeploymentConsistency.AppPrincipal(site)!));
    }
}
