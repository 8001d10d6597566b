namespace CitizenServices.Infrastructure.Storage;

/// <summary>Reachability of each storage service; <see cref="Errors"/> is keyed "tables", "blobs", "queues".</summary>
public sealed record StorageHealth(bool Tables, bool Blobs, bool Queues, IReadOnlyDictionary<string, string> Errors)
{
    public bool Healthy => Tables && Blobs && Queues;
}

/// <summary>
/// Checks Tables, Blobs and Queues independently and concurrently, each bounded by a short timeout, and never throws
/// because storage is down: a health endpoint that hangs or fails is worse than one that says "unhealthy".
/// </summary>
public sealed class StorageHealthProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly StorageClients _clients;
    private readonly TimeSpan _timeout;

    public StorageHealthProbe(StorageClients clients, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        _timeout = timeout ?? DefaultTimeout;
    }

    /// <summary>
    /// Each check lists at most one item of its service: the cheapest data-plane call that proves the endpoint answers
    /// and the credentials work, and one that the data-plane roles granted in Azure allow (unlike service properties,
    /// which need account-level rights).
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> itself is cancelled.</exception>
    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken = default)
    {
        var tables = Check(async ct =>
        {
            await foreach (var _ in _clients.Tables.QueryAsync(filter: (string?)null, maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
            {
                break;
            }
        }, cancellationToken);
        var blobs = Check(async ct =>
        {
            await foreach (var _ in _clients.Blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
            {
                break;
            }
        }, cancellationToken);
        var queues = Check(async ct =>
        {
            await foreach (var _ in _clients.Queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1).WithCancellation(ct))
            {
                break;
            }
        }, cancellationToken);

        var results = await Task.WhenAll(tables, blobs, queues);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] keys = ["tables", "blobs", "queues"];
        for (var i = 0; i < keys.Length; i++)
        {
            if (results[i] is { } error)
            {
                errors[keys[i]] = error;
            }
        }

        return new StorageHealth(results[0] is null, results[1] is null, results[2] is null, errors);
    }

    /// <returns>Null when reachable, otherwise a description safe to show on a health endpoint.</returns>
    private async Task<string?> Check(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            // WaitAsync bounds the check even if a connect attempt ignores the token.
            await call(timeout.Token).WaitAsync(_timeout, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"No answer within {_timeout.TotalSeconds:0.#} s.";
        }
        catch (TimeoutException)
        {
            return $"No answer within {_timeout.TotalSeconds:0.#} s.";
        }
        catch (RequestFailedException ex) when (ex.Status != 0)
        {
            // Status and error code only: the SDK's message embeds request headers and URIs, which can carry SAS tokens.
            return $"HTTP {ex.Status} {ex.ErrorCode}".TrimEnd();
        }
#pragma warning disable CA1031 // A probe reports every failure instead of throwing it; the caller's cancellation is rethrown above.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return Describe(ex);
        }
    }

    private static string Describe(Exception ex)
    {
        var innermost = ex;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var message = innermost.Message;
        var safe = !message.Contains("sig=", StringComparison.OrdinalIgnoreCase)
                   && !message.Contains("AccountKey", StringComparison.OrdinalIgnoreCase);
        return safe ? $"{innermost.GetType().Name}: {message}" : innermost.GetType().Name;
    }
}
