namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Configuration section <c>Storage</c>. Exactly one of two forms:
/// <list type="bullet">
/// <item><c>Storage:ConnectionString</c> for local runs and tests (Azurite has no OAuth, so keys are the only way in).</item>
/// <item><c>Storage:TableServiceUri</c>, <c>Storage:BlobServiceUri</c> and <c>Storage:QueueServiceUri</c> for Azure,
/// authenticated with managed identity (<c>Storage:ManagedIdentityClientId</c> selects a user-assigned identity;
/// without it <c>DefaultAzureCredential</c> is used).</item>
/// </list>
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Create every table, container and queue in <see cref="StorageNames.Catalog"/> at startup. True locally; false in
    /// Azure, where Bicep owns the resources and the app's identity has data-plane roles only.
    /// </summary>
    public bool CreateResourcesAtStartup { get; set; }

    internal bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>Fails startup with a message naming the exact keys to set, instead of a null reference deep in the SDK.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    internal const string NotConfiguredMessage =
        "Storage is not configured. Set either 'Storage:ConnectionString' (local runs and Azurite) or all three of " +
        "'Storage:TableServiceUri', 'Storage:BlobServiceUri' and 'Storage:QueueServiceUri' (Azure, managed identity; " +
        "optionally 'Storage:ManagedIdentityClientId').";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var uris = new (string Key, Uri? Value)[]
        {
            ("Storage:TableServiceUri", options.TableServiceUri),
            ("Storage:BlobServiceUri", options.BlobServiceUri),
            ("Storage:QueueServiceUri", options.QueueServiceUri),
        };
        var setUris = uris.Where(u => u.Value is not null).ToList();

        if (options.UsesConnectionString)
        {
            if (setUris.Count > 0)
            {
                // Both forms at once usually means an Azure app setting left a local key in place; guessing which one
                // wins could silently run production on an account key.
                return ValidateOptionsResult.Fail(
                    "Storage is configured twice: 'Storage:ConnectionString' and " +
                    string.Join(", ", setUris.Select(u => $"'{u.Key}'")) +
                    " are both set. Use the connection string locally or the service URIs in Azure, not both.");
            }

            return ValidateOptionsResult.Success;
        }

        if (setUris.Count == 0)
        {
            return ValidateOptionsResult.Fail(NotConfiguredMessage);
        }

        var failures = new List<string>();
        var missing = uris.Where(u => u.Value is null).Select(u => $"'{u.Key}'").ToList();
        if (missing.Count > 0)
        {
            failures.Add(
                $"Storage service URIs are incomplete: {string.Join(", ", missing)} missing. " +
                "Set all three of 'Storage:TableServiceUri', 'Storage:BlobServiceUri' and 'Storage:QueueServiceUri'.");
        }

        foreach (var (key, value) in setUris)
        {
            if (!value!.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"'{key}' must be an absolute http(s) URI, for example https://<account>.table.core.windows.net.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
