using Microsoft.Extensions.Hosting;

namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Creates every table, container and queue of the catalog at startup when
/// <see cref="StorageOptions.CreateResourcesAtStartup"/> is set (local runs, tests). In Azure it does nothing: Bicep
/// creates the resources and the app's identity is not allowed to.
/// </summary>
public sealed class StorageBootstrapper : IHostedService
{
    private readonly Func<StorageClients> _clientsFactory;
    private readonly StorageOptions _options;
    private readonly StorageCatalog _catalog;
    private readonly ILogger<StorageBootstrapper> _logger;

    public StorageBootstrapper(
        StorageClients clients, IOptions<StorageOptions> options, StorageCatalog catalog, ILogger<StorageBootstrapper> logger)
        : this(() => clients, options, catalog, logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
    }

    /// <param name="clients">
    /// Called only when resources are created: building the storage clients costs start-up time a deployed app (which
    /// creates nothing) should not pay before it listens.
    /// </param>
    public StorageBootstrapper(
        Func<StorageClients> clients, IOptions<StorageOptions> options, StorageCatalog catalog, ILogger<StorageBootstrapper> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(logger);
        _clientsFactory = clients;
        _options = options.Value;
        _catalog = catalog;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateResourcesAtStartup)
        {
            _logger.LogDebug("Storage resources are not created at startup; they are expected to exist (infra/).");
            return;
        }

        var clients = _clientsFactory();

        // One listing per service first, so a start against existing resources (every start after the first) costs three
        // requests instead of one failing create per resource.
        var existing = await Task.WhenAll(
            ListAsync(clients.Tables.QueryAsync(cancellationToken: cancellationToken), t => t.Name, cancellationToken),
            ListAsync(clients.Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken), c => c.Name, cancellationToken),
            ListAsync(clients.Queues.GetQueuesAsync(cancellationToken: cancellationToken), q => q.Name, cancellationToken));
        var work = _catalog.Tables.Where(t => !existing[0].Contains(t)).Select(t => Ensure("table", t, async ct =>
                (await clients.Tables.GetTableClient(t).CreateIfNotExistsAsync(ct)).GetRawResponse().Status
                    != (int)HttpStatusCode.Conflict, cancellationToken))
            .Concat(_catalog.Containers.Where(c => !existing[1].Contains(c)).Select(c => Ensure("blob container", c, async ct =>
                await clients.Blobs.GetBlobContainerClient(c).CreateIfNotExistsAsync(cancellationToken: ct) is not null,
                cancellationToken)))
            .Concat(_catalog.Queues.Where(q => !existing[2].Contains(q)).Select(q => Ensure("queue", q, async ct =>
                await clients.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct) is not null,
                cancellationToken)));
        var created = await Task.WhenAll(work);

        _logger.LogInformation(
            "Storage resources ready: {Created} created, {Existing} already existed ({Tables} tables, {Containers} containers, {Queues} queues).",
            created.Count(c => c), _catalog.Tables.Count + _catalog.Containers.Count + _catalog.Queues.Count - created.Count(c => c), _catalog.Tables.Count, _catalog.Containers.Count, _catalog.Queues.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<HashSet<string>> ListAsync<T>(
        AsyncPageable<T> items, Func<T, string> name, CancellationToken cancellationToken)
        where T : notnull
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            names.Add(name(item));
        }

        return names;
    }

    private async Task<bool> Ensure(string kind, string name, Func<CancellationToken, Task<bool>> create, CancellationToken cancellationToken)
    {
        try
        {
            // Each resource at Debug: the summary line after them says how many were created.
            var created = await create(cancellationToken);
            if (created)
            {
                _logger.LogDebug("Created {Kind} {Name}.", kind, name);
            }
            else
            {
                _logger.LogDebug("{Kind} {Name} already exists.", kind, name);
            }

            return created;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict && IsAlreadyExists(ex.ErrorCode))
        {
            // Several instances starting together race between "not found" and "create"; losing the race is success.
            _logger.LogDebug("{Kind} {Name} was created concurrently by another instance.", kind, name);
            return false;
        }
        catch (RequestFailedException ex)
        {
            _logger.LogError(ex, "Could not create {Kind} {Name}: HTTP {Status} {ErrorCode}.", kind, name, ex.Status, ex.ErrorCode);
            throw;
        }
    }

    private static bool IsAlreadyExists(string? errorCode) =>
        errorCode is "TableAlreadyExists" or "ContainerAlreadyExists" or "QueueAlreadyExists";
}
