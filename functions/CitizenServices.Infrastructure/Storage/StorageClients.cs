using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;

namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// The three service clients, built once: they are thread-safe and own connection pools, so per-request clients would
/// waste sockets and token acquisitions.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;

        if (o.UsesConnectionString)
        {
            Tables = new TableServiceClient(o.ConnectionString);
            Blobs = new BlobServiceClient(o.ConnectionString);
            Queues = new QueueServiceClient(o.ConnectionString);
            return;
        }

        if (o.TableServiceUri is null || o.BlobServiceUri is null || o.QueueServiceUri is null)
        {
            // Reached only when validation was bypassed (e.g. options built by hand); keep the message identical.
            throw new InvalidOperationException(StorageOptionsValidator.NotConfiguredMessage);
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(o.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ManagedIdentityClientId));
        Tables = new TableServiceClient(o.TableServiceUri, credential);
        Blobs = new BlobServiceClient(o.BlobServiceUri, credential);
        Queues = new QueueServiceClient(o.QueueServiceUri, credential);
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }
}
