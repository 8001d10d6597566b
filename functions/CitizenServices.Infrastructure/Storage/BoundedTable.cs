using System.Runtime.CompilerServices;

namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// A table that enforces the production limits before sending anything, maps the expected conflict statuses to
/// <see cref="TableWriteOutcome"/> and drains every query page. Obtain one from <see cref="TableStore.Table"/>.
/// </summary>
public sealed class BoundedTable
{
    private readonly TableClient _client;
    private readonly Lazy<ITableCommitObserver?>? _observer;

    internal BoundedTable(TableClient client, Lazy<ITableCommitObserver?>? observer = null)
    {
        _client = client;
        _observer = observer;
    }

    public string Name => _client.Name;

    /// <summary>
    /// Submits an entity group transaction after checking it against the service limits (1–100 actions, one
    /// partition, each RowKey once, payload under 4 MiB, each entity within the entity limits).
    /// A 404/409/412 from the service comes back as the outcome with the failing action's index; nothing was written.
    /// </summary>
    /// <exception cref="TableLimitException">The transaction breaks a limit; no request was sent.</exception>
    public async Task<TableTransactionResult> SubmitTransactionAsync(
        IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateTransaction(actions);
        try
        {
            var response = await _client.SubmitTransactionAsync(actions, cancellationToken);
            var result = new TableTransactionResult(
                TableWriteOutcome.Succeeded, null, response.Value.Select(r => r.Headers.ETag ?? default).ToList());
            if (_observer?.Value is { } observer)
            {
                await observer.OnCommittedAsync(Name, actions);
            }

            return result;
        }
        catch (TableTransactionFailedException ex) when (Expected(ex.Status) is { } outcome)
        {
            return new TableTransactionResult(outcome, ex.FailedTransactionActionIndex, []);
        }
    }

    /// <summary>Inserts or replaces (or merges) the entity.</summary>
    /// <exception cref="TableLimitException">The entity breaks a limit; no request was sent.</exception>
    public async Task<TableWriteResult> UpsertAsync(
        ITableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateEntity(entity);
        var response = await _client.UpsertEntityAsync(entity, mode, cancellationToken);
        return new TableWriteResult(TableWriteOutcome.Succeeded, response.Headers.ETag ?? default);
    }

    /// <summary>Inserts the entity; <see cref="TableWriteOutcome.AlreadyExists"/> when it is already there.</summary>
    /// <exception cref="TableLimitException">The entity breaks a limit; no request was sent.</exception>
    public async Task<TableWriteResult> AddAsync(ITableEntity entity, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateEntity(entity);
        try
        {
            var response = await _client.AddEntityAsync(entity, cancellationToken);
            return new TableWriteResult(TableWriteOutcome.Succeeded, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return new TableWriteResult(TableWriteOutcome.AlreadyExists, default);
        }
    }

    /// <summary>
    /// Replaces (or merges) the entity if its ETag still matches <paramref name="ifMatch"/>:
    /// <see cref="TableWriteOutcome.PreconditionFailed"/> when someone else changed it,
    /// <see cref="TableWriteOutcome.NotFound"/> when it is gone. Pass <see cref="ETag.All"/> only for a deliberate
    /// unconditional update.
    /// </summary>
    /// <exception cref="TableLimitException">The entity breaks a limit; no request was sent.</exception>
    public async Task<TableWriteResult> UpdateAsync(
        ITableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace,
        CancellationToken cancellationToken = default)
    {
        if (ifMatch == default)
        {
            // An empty ETag usually means the entity was built by hand instead of read; failing loudly beats a silent
            // unconditional overwrite of a contended row.
            throw new ArgumentException("An ETag is required; pass ETag.All for an unconditional update.", nameof(ifMatch));
        }

        TableLimits.ValidateEntity(entity);
        try
        {
            var response = await _client.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
            return new TableWriteResult(TableWriteOutcome.Succeeded, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (Expected(ex.Status) is { } outcome and not TableWriteOutcome.AlreadyExists)
        {
            return new TableWriteResult(outcome, default);
        }
    }

    /// <summary>The entity, or null when it (or the table) does not exist.</summary>
    public async Task<T?> GetAsync<T>(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        TableLimits.ValidateKeys(partitionKey, rowKey);
        var response = await _client.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Deletes the entity, only if its ETag matches when <paramref name="ifMatch"/> is given:
    /// <see cref="TableWriteOutcome.PreconditionFailed"/> when it changed, <see cref="TableWriteOutcome.NotFound"/> when
    /// there was nothing to delete.
    /// </summary>
    public async Task<TableWriteResult> DeleteAsync(
        string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        TableLimits.ValidateKeys(partitionKey, rowKey);
        try
        {
            var response = await _client.DeleteEntityAsync(partitionKey, rowKey, ifMatch ?? ETag.All, cancellationToken);
            return new TableWriteResult(
                response.Status == (int)HttpStatusCode.NotFound ? TableWriteOutcome.NotFound : TableWriteOutcome.Succeeded,
                default);
        }
        catch (RequestFailedException ex) when (Expected(ex.Status) is { } outcome and not TableWriteOutcome.AlreadyExists)
        {
            return new TableWriteResult(outcome, default);
        }
    }

    /// <summary>
    /// Every entity matching an OData <paramref name="filter"/> (null for all), across all pages. Build the filter with
    /// <see cref="TableClient.CreateQueryFilter(FormattableString)"/> whenever it contains a value.
    /// </summary>
    public IAsyncEnumerable<T> QueryAsync<T>(
        string? filter, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        QueryAsync<T>(filter, maxPerPage: null, select, cancellationToken);

    /// <summary>
    /// As <see cref="QueryAsync{T}(string?, IEnumerable{string}?, CancellationToken)"/>, asking the service for at most
    /// <paramref name="maxPerPage"/> entities per response: for a caller that reads only the first few matches (a page
    /// of a listing), so the service does not send up to 1,000 rows that are thrown away.
    /// </summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(
        string? filter, int? maxPerPage, IEnumerable<string>? select = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "The service returns 1 to 1,000 entities per page.");
        }

        // Real Table Storage may return an empty page that still carries a continuation token (a partition boundary or
        // the 5-second server budget); stopping at the first empty page silently loses rows. AsPages keeps following the
        // token until the service stops sending one, and nothing here may break out early.
        var pages = _client.QueryAsync<T>(filter, maxPerPage, select, cancellationToken).AsPages();
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var entity in page.Values)
            {
                yield return entity;
            }
        }
    }

    /// <summary>
    /// Deletes every row whose RowKey is in [<paramref name="fromRowKey"/>, <paramref name="toRowKey"/>), in any partition,
    /// except the <paramref name="keep"/> ones; returns how many it deleted. A cross-partition scan: for repairs of an index
    /// whose rows of one owner share a RowKey range, never for a request.
    /// </summary>
    public async Task<int> DeleteRowKeyRangeExceptAsync(
        string fromRowKey, string toRowKey, IReadOnlySet<(string PartitionKey, string RowKey)> keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var stale = new List<(string PartitionKey, string RowKey)>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {fromRowKey} and RowKey lt {toRowKey}");
        await foreach (var row in QueryAsync<TableEntity>(filter, ["PartitionKey", "RowKey"], cancellationToken))
        {
            if (!keep.Contains((row.PartitionKey, row.RowKey)))
            {
                stale.Add((row.PartitionKey, row.RowKey));
            }
        }

        foreach (var (partitionKey, rowKey) in stale)
        {
            await DeleteAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
        }

        return stale.Count;
    }

    /// <summary>
    /// Every entity in one partition, optionally only the RowKeys starting with <paramref name="rowKeyPrefix"/>, as a
    /// server-side range query.
    /// </summary>
    public IAsyncEnumerable<T> QueryPartitionAsync<T>(
        string partitionKey, string? rowKeyPrefix = null, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return QueryAsync<T>(PartitionFilter(partitionKey, rowKeyPrefix), select, cancellationToken);
    }

    /// <summary>
    /// <c>PartitionKey eq pk [and RowKey ge prefix and RowKey lt successor(prefix)]</c>, with every value quoted and
    /// escaped by <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, so keys from requests cannot alter it.
    /// </summary>
    internal static string PartitionFilter(string partitionKey, string? rowKeyPrefix)
    {
        if (string.IsNullOrEmpty(rowKeyPrefix))
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        }

        // Keys compare ordinally by UTF-16 code unit, so every key with the prefix sorts in [prefix, successor).
        // A prefix ending in U+FFFF has no successor of the same length; drop trailing U+FFFF until one exists.
        var end = rowKeyPrefix.TrimEnd('\uffff');
        if (end.Length == 0)
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix}");
        }

        var successor = string.Concat(end.AsSpan(0, end.Length - 1), ((char)(end[^1] + 1)).ToString());
        return TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {successor}");
    }

    private static TableWriteOutcome? Expected(int status) => status switch
    {
        (int)HttpStatusCode.Conflict => TableWriteOutcome.AlreadyExists,
        (int)HttpStatusCode.PreconditionFailed => TableWriteOutcome.PreconditionFailed,
        (int)HttpStatusCode.NotFound => TableWriteOutcome.NotFound,
        _ => null,
    };
}
