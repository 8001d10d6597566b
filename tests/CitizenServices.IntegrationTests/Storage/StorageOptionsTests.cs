namespace CitizenServices.IntegrationTests.Storage;

public sealed class StorageOptionsTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public async Task HostStart_WhenStorageNotConfigured_FailsNamingBothConfigurationForms()
    {
        using var host = BuildHost([]);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "Storage is not configured. Set either 'Storage:ConnectionString' (local runs and Azurite) or all three of " +
            "'Storage:TableServiceUri', 'Storage:BlobServiceUri' and 'Storage:QueueServiceUri' (Azure, managed identity; " +
            "optionally 'Storage:ManagedIdentityClientId').",
            Assert.Single(ex.Failures));
    }

    [Fact]
    public void Validate_WhenOnlySomeServiceUrisSet_FailsNamingTheMissingKeys()
    {
        var result = _validator.Validate(null, new StorageOptions { TableServiceUri = new Uri("https://a.table.core.windows.net") });

        Assert.True(result.Failed);
        Assert.Contains("'Storage:BlobServiceUri', 'Storage:QueueServiceUri' missing", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenConnectionStringAndUrisBothSet_FailsNamingBoth()
    {
        var result = _validator.Validate(null, new StorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            BlobServiceUri = new Uri("https://a.blob.core.windows.net"),
        });

        Assert.True(result.Failed);
        Assert.Contains("'Storage:ConnectionString' and 'Storage:BlobServiceUri' are both set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenServiceUriIsRelative_Fails()
    {
        var result = _validator.Validate(null, new StorageOptions
        {
            TableServiceUri = new Uri("a.table.core.windows.net", UriKind.Relative),
            BlobServiceUri = new Uri("https://a.blob.core.windows.net"),
            QueueServiceUri = new Uri("https://a.queue.core.windows.net"),
        });

        Assert.True(result.Failed);
        Assert.Contains("'Storage:TableServiceUri' must be an absolute http(s) URI", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StorageClients_WhenServiceUrisAndClientIdConfigured_BindsAndBuildsManagedIdentityClients()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["Storage:TableServiceUri"] = "https://acct.table.core.windows.net",
            ["Storage:BlobServiceUri"] = "https://acct.blob.core.windows.net",
            ["Storage:QueueServiceUri"] = "https://acct.queue.core.windows.net",
            ["Storage:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        // Creating clients and credentials sends nothing; CreateResourcesAtStartup defaults to false, so start is offline.
        await host.StartAsync();
        var clients = host.Services.GetRequiredService<StorageClients>();
        await host.StopAsync();

        Assert.False(host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.CreateResourcesAtStartup);
        Assert.Equal("acct", clients.Tables.AccountName);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), clients.Queues.Uri);
    }

    [Fact]
    public void Validate_WhenConnectionStringOnly_Succeeds()
    {
        Assert.True(_validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).Succeeded);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddCitizenServicesStorage(builder.Configuration);
        return builder.Build();
    }
}
