namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Entry point to Table Storage for the whole app. Everything goes through <see cref="BoundedTable"/> so that production
/// limits are enforced in every environment, including Azurite, which does not enforce them.
/// </summary>
public sealed class TableStore
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, BoundedTable> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<ITableCommitObserver?> _observer;

    public TableStore(TableServiceClient service)
        : this(service, static () => null)
    {
    }

    /// <param name="observer">
    /// Told of every committed transaction (the outbox dispatcher). Resolved on the first commit, not here, because the
    /// observer itself reads and writes through this store.
    /// </param>
    public TableStore(TableServiceClient service, Func<ITableCommitObserver?> observer)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(observer);
        _service = service;
        _observer = new Lazy<ITableCommitObserver?>(observer);
    }

    /// <summary>The table called <paramref name="name"/>; use a <see cref="StorageNames.Tables"/> constant.</summary>
    public BoundedTable Table(string name)
    {
        if (!StorageNameRules.IsValidTableName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid table name (3-63 letters and digits, starting with a letter).", nameof(name));
        }

        return _tables.GetOrAdd(name, n => new BoundedTable(_service.GetTableClient(n), _observer));
    }
}

/// <summary>Told of every entity group transaction that committed, right after the service confirmed it.</summary>
public interface ITableCommitObserver
{
    /// <summary>
    /// Runs inside the writer's call, after its commit. Must not throw: the transaction is committed whatever happens
    /// here, and the writer must not take a failure of this call for a failed write.
    /// </summary>
    Task OnCommittedAsync(string table, IReadOnlyList<TableTransactionAction> actions);
}
