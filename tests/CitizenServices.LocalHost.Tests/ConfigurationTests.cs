namespace CitizenServices.LocalHost.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("localhost-config-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Start_WhenTriggerTypeIsUnknown_FailsNamingTheFunction()
    {
        File.Copy(Path.Combine(TestAppHost.ScriptRoot, "host.json"), Path.Combine(_root.FullName, "host.json"));
        var function = _root.CreateSubdirectory("ChangeFeed");
        await File.WriteAllTextAsync(
            Path.Combine(function.FullName, "function.json"),
            """{ "bindings": [ { "type": "cosmosDBTrigger", "direction": "in", "name": "documents" } ] }""");
        var azurite = await Azurite.SharedAsync();
        await using var host = new LocalFunctionsHost(new LocalHostOptions
        {
            ScriptRoot = _root.FullName,
            HandlerCommand = TestAppHost.HandlerCommand(),
            ListenUrl = new Uri($"http://127.0.0.1:{Azurite.FreePort()}"),
            StorageConnectionString = azurite.ConnectionString,
        });

        var error = await Assert.ThrowsAsync<FunctionAppConfigurationException>(() => host.StartAsync());

        Assert.Contains("'ChangeFeed'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cosmosDBTrigger", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFunctions_WhenSettingIsMissing_FailsNamingTheFunctionAndSetting()
    {
        var error = Assert.Throws<FunctionAppConfigurationException>(
            () => FunctionAppReader.ReadFunctions(TestAppHost.ScriptRoot, name => name == "EchoInQueue" ? null : "x"));

        Assert.Contains("'Echo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("EchoInQueue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFunctions_WhenReadingTestApp_ClassifiesProxiedAndInvokedFunctions()
    {
        var functions = FunctionAppReader.ReadFunctions(TestAppHost.ScriptRoot, name => name.ToLowerInvariant())
            .ToDictionary(f => f.Name);

        Assert.True(functions["Proxy"].IsProxiedHttp);
        Assert.False(functions["Orders"].IsProxiedHttp);
        Assert.Equal("echoinqueue", functions["Echo"].Trigger.GetString("queueName"));
        Assert.True(functions["Echo"].Trigger.IsBinary);
        Assert.Equal(["post", "put"], functions["Proxy"].Trigger.GetStrings("methods"));
    }

    [Fact]
    public void ReadHost_WhenReadingRepositoryHostJson_FindsHandlerArgumentsAndRoutePrefix()
    {
        var host = FunctionAppReader.ReadHost(RepositoryRoot.Find());

        Assert.Equal("api", host.RoutePrefix);
        Assert.Equal("handler/CitizenServices.Functions", host.DefaultExecutablePath);
        Assert.Equal(["--urls", "http://127.0.0.1:%FUNCTIONS_CUSTOMHANDLER_PORT%"], host.Arguments);
        Assert.True(host.EnableProxyingHttpRequest);
        Assert.Equal(TimeSpan.FromMinutes(5), host.FunctionTimeout);
    }

    [Theory]
    [InlineData("care-relations-inbound", null, "sbq-care-relations-inbound")]
    [InlineData("citizen-events", "notifications", "sbs-citizen-events-notifications")]
    [InlineData("Care.Relations_Inbound", null, null)]
    [InlineData("a-very-long-topic-name-that-goes-on-and-on-and-on", "and-a-long-subscription-name-as-well", null)]
    public void ServiceBusQueueNames_ForAnyEntity_GiveValidStorageQueueNames(string entity, string? subscription, string? expected)
    {
        var name = subscription is null ? ServiceBusQueueNames.ForQueue(entity) : ServiceBusQueueNames.ForSubscription(entity, subscription);
        var deadLetter = ServiceBusQueueNames.DeadLetterOf(name);

        Assert.True(ServiceBusQueueNames.IsValidStorageQueueName(name), name);
        Assert.True(ServiceBusQueueNames.IsValidStorageQueueName(deadLetter), deadLetter);
        Assert.NotEqual(name, deadLetter);
        if (expected is not null)
        {
            Assert.Equal(expected, name);
        }
    }

    [Fact]
    public void ServiceBusQueueNames_WhenNamesDifferOnlyInPunctuation_StayDistinct()
    {
        Assert.NotEqual(ServiceBusQueueNames.ForQueue("a.b"), ServiceBusQueueNames.ForQueue("a-b"));
        Assert.Equal(ServiceBusQueueNames.ForQueue("Orders"), ServiceBusQueueNames.ForQueue("orders"));
    }
}
