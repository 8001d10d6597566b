using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Entry point to Table Storage for the whole app. Everything goes through <see cref="BoundedTable"/> so that production
/// limits are enforced in every environment, including Azurite, which does not enforce them.
/// </summary>
public sealed class TableStore
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, BoundedTable> _tables = new(StringComparer.OrdinalIgnoreCase);

    public TableStore(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>The table called <paramref name="name"/>; use a <see cref="StorageNames.Tables"/> constant.</summary>
    public BoundedTable Table(string name)
    {
        if (!StorageNameRules.IsValidTableName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid table name (3-63 letters and digits, starting with a letter).", nameof(name));
        }

        return _tables.GetOrAdd(name, n => new BoundedTable(_service.GetTableClient(n)));
    }
}
