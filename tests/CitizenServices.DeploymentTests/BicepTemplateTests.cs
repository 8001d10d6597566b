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
            ["care-relations-inbound", "fastlege", "fastlege-outbound", "notifications", "notifications-outbound", "outbox-confirm"],
            entities.Select(e => e.LastName).Order(StringComparer.Ordinal));
        Assert.All(entities, e =>
        {
            Assert.True(e.Get("maxDeliveryCount") is long count && count > 0, $"{e.Name}: maxDeliveryCount");
            Assert.Equal(true, e.Get("deadLetteringOnMessageExpiration"));
        });
        Assert.Equal("citizen-events", Assert.Single(compiled.Template.OfType("Microsoft.ServiceBus/namespaces/topics")).LastName);
    }

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
