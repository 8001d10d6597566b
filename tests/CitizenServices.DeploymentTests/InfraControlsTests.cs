namespace CitizenServices.DeploymentTests;

/// <summary>
/// The controls infra/ sets for an app holding health data (docs/deployment.md, "Controls"): what Azure would reject,
/// what an auditor looks for, and what operators are told. Parameters are given as `azd env set` would give them.
/// </summary>
[Collection(InfraTestGroup.Name)]
public sealed class InfraControlsTests(CompiledTemplateFixture compiled)
{
    private JsonObject Parameters => JsonNode.Parse(compiled.Json)!["parameters"]!.AsObject();

    private ArmTemplate With(params (string Name, object? Value)[] parameters) =>
        ArmTemplate.Parse(compiled.Json, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void MaximumInstanceCount_AcceptsOnlyWhatFlexConsumptionAccepts()
    {
        // Flex Consumption's lowest ceiling is 40 and its highest 1000; a value outside is rejected by Azure at deployment.
        var parameter = Parameters["maximumInstanceCount"]!;

        Assert.Equal(40, parameter["minValue"]!.GetValue<int>());
        Assert.Equal(1000, parameter["maxValue"]!.GetValue<int>());
        Assert.InRange(parameter["defaultValue"]!.GetValue<int>(), 40, 1000);
    }

    [Fact]
    public void AlwaysReady_WhenZero_IsLeftOut_AndOtherwiseAppliesToTheHttpGroup()
    {
        Assert.Equal(0, Parameters["alwaysReadyHttpInstances"]!["defaultValue"]!.GetValue<int>());
        var byDefault = Assert.Single(compiled.Template.OfType(DeploymentConsistency.FunctionAppType));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(byDefault.Get("functionAppConfig", "scaleAndConcurrency", "alwaysReady")));

        var site = Assert.Single(With(("alwaysReadyHttpInstances", 2L)).OfType(DeploymentConsistency.FunctionAppType));

        var group = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(
            Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object?>>(site.Get("functionAppConfig", "scaleAndConcurrency", "alwaysReady"))));
        Assert.Equal("http", group["name"]);
        Assert.Equal(2L, group["instanceCount"]);
    }

    [Theory]
    [InlineData(false, "Standard_ZRS")]
    [InlineData(true, "Standard_GZRS")]
    public void StorageAccount_IsZoneRedundant_AndGeoRedundantOnRequest(bool geoRedundant, string sku)
    {
        var account = Assert.Single(With(("geoRedundantStorage", geoRedundant)).OfType("Microsoft.Storage/storageAccounts"));

        Assert.Equal(sku, ((IReadOnlyDictionary<string, object?>)account.Body["sku"]!)["name"]);
        Assert.False(Parameters["geoRedundantStorage"]!["defaultValue"]!.GetValue<bool>());
    }

    [Fact]
    public void BlobService_KeepsDeletedBlobsVersionsAndContainersRecoverable()
    {
        var blobs = Assert.Single(compiled.Template.OfType("Microsoft.Storage/storageAccounts/blobServices"));

        Assert.Equal(true, blobs.Get("isVersioningEnabled"));
        Assert.Equal(true, blobs.Get("deleteRetentionPolicy", "enabled"));
        Assert.Equal(true, blobs.Get("containerDeleteRetentionPolicy", "enabled"));
        Assert.True(blobs.Get("deleteRetentionPolicy", "days") is long days && days >= 7, "blob soft delete keeps at least a week");
        // Versions and exports expire, so versioning does not grow storage without bound.
        var rules = Assert.IsAssignableFrom<IReadOnlyList<object?>>(
            Assert.Single(compiled.Template.OfType("Microsoft.Storage/storageAccounts/managementPolicies")).Get("policy", "rules"));
        Assert.Equal(2, rules.Count);
    }

    [Fact]
    public void AccessLogAnchors_AreInAContainerWithTimeBasedRetentionOfAtLeastFiveYears()
    {
        var policy = Assert.Single(compiled.Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));

        Assert.EndsWith("/accesslog-anchors/default", policy.Name, StringComparison.Ordinal);
        Assert.True(policy.Get("immutabilityPeriodSinceCreationInDays") is long days && days >= 5 * 365 + 1, "the access log is kept five years");
        Assert.Equal(false, policy.Get("allowProtectedAppendWrites"));
        Assert.Contains(compiled.Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), c => c.LastName == "accesslog-anchors");
    }

    [Fact]
    public void NetworkIsolation_ByDefault_CreatesNoNetworkAndKeepsTheStandardTier()
    {
        Assert.False(Parameters["networkIsolation"]!["defaultValue"]!.GetValue<bool>());
        Assert.Empty(compiled.Template.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Empty(compiled.Template.OfType("Microsoft.Network/privateEndpoints"));
        Assert.Equal("Enabled", Assert.Single(compiled.Template.OfType("Microsoft.Storage/storageAccounts")).Get("publicNetworkAccess"));
        var site = Assert.Single(compiled.Template.OfType(DeploymentConsistency.FunctionAppType));
        Assert.Null(site.Get("virtualNetworkSubnetId"));
    }

    [Fact]
    public void NetworkIsolation_WhenOn_IntegratesTheAppAndReachesStorageAndServiceBusOnlyPrivately()
    {
        var arm = With(("networkIsolation", true));

        var vnet = Assert.Single(arm.OfType("Microsoft.Network/virtualNetworks"));
        var subnets = Assert.IsAssignableFrom<IReadOnlyList<object?>>(vnet.Get("subnets")).Cast<IReadOnlyDictionary<string, object?>>().ToList();
        var appSubnet = Assert.Single(subnets, s => Equals(s["name"], "app"));
        Assert.Contains("Microsoft.App/environments", ArmScope.Text(appSubnet["properties"]), StringComparison.Ordinal);
        var site = Assert.Single(arm.OfType(DeploymentConsistency.FunctionAppType));
        Assert.Contains("appSubnetId", ArmScope.Text(site.Get("virtualNetworkSubnetId")), StringComparison.Ordinal);

        var endpoints = arm.OfType("Microsoft.Network/privateEndpoints").ToList();
        var groups = endpoints.Select(e => ArmScope.Text(e.Get("privateLinkServiceConnections"))).ToList();
        foreach (var groupId in new[] { "\"blob\"", "\"table\"", "\"queue\"", "\"namespace\"" })
        {
            Assert.Contains(groups, g => g.Contains(groupId, StringComparison.Ordinal));
        }

        Assert.Equal(4, arm.OfType("Microsoft.Network/privateDnsZones").Count());
        Assert.Equal(4, arm.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").Count());
        Assert.Equal("Disabled", Assert.Single(arm.OfType("Microsoft.Storage/storageAccounts")).Get("publicNetworkAccess"));
        var ns = Assert.Single(arm.OfType("Microsoft.ServiceBus/namespaces"));
        Assert.Equal("Disabled", ns.Get("publicNetworkAccess"));
        // Private endpoints exist on Premium only.
        Assert.Equal("Premium", ((IReadOnlyDictionary<string, object?>)ns.Body["sku"]!)["name"]);
    }

    [Fact]
    public void DeadLetterAlert_WatchesEveryEntitySeparately()
    {
        var alert = Assert.Single(compiled.Template.OfType("Microsoft.Insights/metricAlerts"), a => a.Name.Contains("deadletters", StringComparison.Ordinal));
        var criterion = Criterion(alert);

        Assert.Equal("DeadletteredMessages", criterion["metricName"]);
        Assert.Equal("GreaterThan", criterion["operator"]);
        Assert.Equal(0L, criterion["threshold"]);
        var dimension = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(
            Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object?>>(criterion["dimensions"])));
        Assert.Equal("EntityName", dimension["name"]);
        Assert.Equal(["*"], Assert.IsAssignableFrom<IReadOnlyList<object?>>(dimension["values"]));
        Assert.Contains("service-bus", ArmScope.Text(alert.Get("scopes")), StringComparison.Ordinal);
    }

    [Fact]
    public void StorageAvailabilityAlert_FiresBelowNinetyNinePercent()
    {
        var alert = Assert.Single(compiled.Template.OfType("Microsoft.Insights/metricAlerts"), a => a.Name.Contains("storage-availability", StringComparison.Ordinal));
        var criterion = Criterion(alert);

        Assert.Equal("Availability", criterion["metricName"]);
        Assert.Equal("LessThan", criterion["operator"]);
    }

    [Theory]
    [InlineData("function-failures", "success == false")]
    [InlineData("http-5xx-rate", "toint(resultCode) >= 500")]
    [InlineData("outbox-relay-lag", "'citizen_services.outbox.oldest_pending_age_seconds'")]
    [InlineData("register-feed-lag", "'citizen_services.register.feed_lag_seconds'")]
    public void LogAlert_QueriesApplicationInsightsFor(string rule, string condition)
    {
        var alert = Assert.Single(compiled.Template.OfType("Microsoft.Insights/scheduledQueryRules"), a => Equals(a.Get("displayName"), rule));
        var query = ArmScope.Text(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(
            Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object?>>(alert.Get("criteria", "allOf"))))["query"]);

        Assert.Contains(condition, query, StringComparison.Ordinal);
        Assert.Contains("applicationInsightsId", ArmScope.Text(alert.Get("scopes")), StringComparison.Ordinal);
        Assert.Equal(true, alert.Get("enabled"));
    }

    [Fact]
    public void Alerts_WhenActionGroupIsGiven_NotifyIt()
    {
        const string group = "/subscriptions/0/resourceGroups/ops/providers/Microsoft.Insights/actionGroups/on-call";
        var arm = With(("alertActionGroupId", group));

        var metricAlerts = arm.OfType("Microsoft.Insights/metricAlerts").ToList();
        var logAlerts = arm.OfType("Microsoft.Insights/scheduledQueryRules").ToList();

        Assert.Equal(2, metricAlerts.Count);
        Assert.Equal(4, logAlerts.Count);
        Assert.All(metricAlerts, a => Assert.Contains(group, ArmScope.Text(a.Get("actions")), StringComparison.Ordinal));
        Assert.All(logAlerts, a => Assert.Equal([group], Assert.IsAssignableFrom<IReadOnlyList<object?>>(a.Get("actions", "actionGroups"))));
        Assert.All(compiled.Template.OfType("Microsoft.Insights/scheduledQueryRules"),
            a => Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(a.Get("actions", "actionGroups"))));
    }

    [Fact]
    public void LogAnalytics_HasADailyCapFromItsParameter()
    {
        var workspace = Assert.Single(With(("logAnalyticsDailyQuotaGb", 2L)).OfType("Microsoft.OperationalInsights/workspaces"));

        Assert.Equal(2L, workspace.Get("workspaceCapping", "dailyQuotaGb"));
        Assert.Equal(5, Parameters["logAnalyticsDailyQuotaGb"]!["defaultValue"]!.GetValue<int>());
    }

    [Fact]
    public void CorsOrigins_ReachTheHandlerAsOneSetting_AndThePlatformAddsNone()
    {
        var arm = With(("allowedCorsOrigins", "https://www.helsenorge.no,https://tjenester.helsenorge.no"));

        Assert.Equal("https://www.helsenorge.no,https://tjenester.helsenorge.no", ArmScope.Text(DeploymentConsistency.AppSettings(arm)["Cors__AllowedOrigins"]));
        Assert.Equal("", ArmScope.Text(DeploymentConsistency.AppSettings(compiled.Template)["Cors__AllowedOrigins"]));
        // Platform CORS would answer preflights itself and add its own headers next to the handler's.
        Assert.Null(Assert.Single(arm.OfType(DeploymentConsistency.FunctionAppType)).Get("siteConfig", "cors"));
    }

    private static IReadOnlyDictionary<string, object?> Criterion(ArmResource alert) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(
            Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object?>>(alert.Get("criteria", "allOf"))));
}
