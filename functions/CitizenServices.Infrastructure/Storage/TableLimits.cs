using System.Reflection;
using System.Runtime.Serialization;

namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Production Table Storage limits and the checks <see cref="BoundedTable"/> runs before every write.
/// Sources: https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model (property
/// count, key characters, property sizes) and https://learn.microsoft.com/azure/storage/tables/scalability-targets
/// (entity size, entity group transactions).
/// </summary>
public static class TableLimits
{
    public const int MaxTransactionActions = 100;

    /// <summary>The service requires the transaction payload to be <i>less than</i> 4 MiB.</summary>
    public const long MaxTransactionPayloadBytes = 4L * 1024 * 1024;

    public const long MaxEntityBytes = 1024L * 1024;

    /// <summary>255 properties including PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>
    /// Strings are UTF-16 up to 64 KiB and binary values up to 64 KiB. Azurite stores larger ones happily.
    /// </summary>
    public const int MaxPropertyValueBytes = 64 * 1024;

    /// <summary>
    /// The data model page says keys may be "up to 1 KiB", the scalability page "1024 characters"; the stricter reading
    /// (1 KiB of UTF-16, i.e. 512 characters) is enforced so nothing that passes here can fail there.
    /// </summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Room for the multipart headers and request line of each action in a transaction body.</summary>
    private const int PerActionOverheadBytes = 512;

    private const int TransactionEnvelopeBytes = 1024;

    /// <summary>
    /// Rejects a transaction that the service would reject, or that would only succeed against Azurite.
    /// </summary>
    /// <exception cref="TableLimitException">The first limit broken.</exception>
    public static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);

        if (actions.Count == 0)
        {
            throw new TableLimitException(TableLimit.EmptyTransaction, 0, MaxTransactionActions, null,
                "A table transaction needs at least one action; the service rejects an empty batch.");
        }

        if (actions.Count > MaxTransactionActions)
        {
            throw new TableLimitException(TableLimit.TooManyActions, actions.Count, MaxTransactionActions, null,
                $"A table transaction holds at most {MaxTransactionActions} actions; this one has {actions.Count}. " +
                "Split the work or redesign it so one transaction stays within the limit.");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i]?.Entity is null)
            {
                throw new ArgumentException($"Transaction action {i} has no entity.", nameof(actions));
            }
        }

        var partitions = actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count();
        if (partitions > 1)
        {
            throw new TableLimitException(TableLimit.MultiplePartitions, partitions, 1, null,
                $"A table transaction must stay in one partition; this one spans {partitions} PartitionKeys.");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        long payload = TransactionEnvelopeBytes;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (!seen.TryAdd(action.Entity.RowKey ?? string.Empty, i))
            {
                throw new TableLimitException(TableLimit.DuplicateRowKey, 2, 1, i,
                    $"A table transaction may touch each entity once; actions {seen[action.Entity.RowKey ?? string.Empty]} " +
                    $"and {i} have the same RowKey.");
            }

            var isDelete = action.ActionType == TableTransactionActionType.Delete;
            var size = Measure(action.Entity, includeProperties: !isDelete, actionIndex: i);
            payload += Math.Max(size.StoredBytes, size.WireBytes) + PerActionOverheadBytes;
        }

        if (payload >= MaxTransactionPayloadBytes)
        {
            throw new TableLimitException(TableLimit.TransactionPayloadTooLarge, payload, MaxTransactionPayloadBytes, null,
                $"A table transaction payload must be less than {MaxTransactionPayloadBytes} bytes (4 MiB); this one is " +
                $"estimated at {payload} bytes.");
        }
    }

    /// <summary>Rejects a single entity the service would reject: keys, property count and sizes.</summary>
    /// <exception cref="TableLimitException">The first limit broken.</exception>
    public static void ValidateEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        Measure(entity, includeProperties: true, actionIndex: null);
    }

    /// <summary>Rejects keys that the service would reject (empty, too long, forbidden characters).</summary>
    /// <exception cref="TableLimitException">The key is not allowed.</exception>
    public static void ValidateKeys(string partitionKey, string rowKey, int? actionIndex = null)
    {
        ValidateKey("PartitionKey", partitionKey, actionIndex);
        ValidateKey("RowKey", rowKey, actionIndex);
    }

    /// <summary>
    /// Stored size of an entity by the documented estimate: 4 bytes + Len(PartitionKey + RowKey) * 2 bytes + for each
    /// property (8 bytes + Len(name) * 2 bytes + value size), the value size being: string 4 + Len * 2, binary 4 + length,
    /// bool 1, DateTime 8, double 8, Guid 16, Int32 4, Int64 8.
    /// Source: "How the size of an entity is calculated in Windows Azure table storage", Microsoft Learn archive,
    /// https://learn.microsoft.com/en-us/archive/blogs/avkashchauhan/how-the-size-of-an-entity-is-caclulated-in-windows-azure-table-storage
    /// </summary>
    public static long EstimateEntitySize(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return 4 + ((long)(entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0)) * 2
                 + EntityProperties.Of(entity).Sum(p => PropertyStoredSize(p.Name, p.Value));
    }

    private static (long StoredBytes, long WireBytes) Measure(ITableEntity entity, bool includeProperties, int? actionIndex)
    {
        ValidateKeys(entity.PartitionKey, entity.RowKey, actionIndex);

        var keyBytes = ((long)entity.PartitionKey.Length + entity.RowKey.Length) * 2;
        // Keys travel in the request URL (percent-encoded) and in the body.
        var keyWire = (Encoding.UTF8.GetByteCount(entity.PartitionKey) + Encoding.UTF8.GetByteCount(entity.RowKey)) * 4L + 64;
        if (!includeProperties)
        {
            return (4 + keyBytes, keyWire);
        }

        var properties = EntityProperties.Of(entity);
        if (properties.Count > MaxCustomProperties)
        {
            throw new TableLimitException(TableLimit.TooManyProperties, properties.Count, MaxCustomProperties, actionIndex,
                $"An entity holds at most {MaxCustomProperties} properties besides PartitionKey, RowKey and Timestamp; " +
                $"this one has {properties.Count}{At(actionIndex)}.");
        }

        long stored = 4 + keyBytes;
        var wire = keyWire;
        foreach (var (name, value) in properties)
        {
            var valueBytes = ValueStoredSize(value) - 4;
            if (value is (string or byte[] or BinaryData) && valueBytes > MaxPropertyValueBytes)
            {
                throw new TableLimitException(TableLimit.PropertyTooLarge, valueBytes, MaxPropertyValueBytes, actionIndex,
                    $"Property '{name}' holds {valueBytes} bytes; string and binary properties are limited to " +
                    $"{MaxPropertyValueBytes} bytes (64 KiB){At(actionIndex)}.");
            }

            stored += PropertyStoredSize(name, value);
            wire += PropertyWireSize(name, value);
        }

        if (stored > MaxEntityBytes)
        {
            throw new TableLimitException(TableLimit.EntityTooLarge, stored, MaxEntityBytes, actionIndex,
                $"An entity may be at most {MaxEntityBytes} bytes (1 MiB); this one is estimated at {stored} bytes" +
                $"{At(actionIndex)}. Keep large content in Blob Storage and store its address.");
        }

        return (stored, wire);
    }

    private static void ValidateKey(string keyName, string? key, int? actionIndex)
    {
        if (key is null)
        {
            throw new TableLimitException(TableLimit.ForbiddenKeyCharacter, 0, 0, actionIndex,
                $"{keyName} is null{At(actionIndex)}; every entity needs both keys.");
        }

        var bytes = (long)key.Length * 2;
        if (bytes > MaxKeyBytes)
        {
            throw new TableLimitException(TableLimit.KeyTooLong, bytes, MaxKeyBytes, actionIndex,
                $"{keyName} is {bytes} bytes as UTF-16; keys are limited to {MaxKeyBytes} bytes{At(actionIndex)}.");
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw new TableLimitException(TableLimit.ForbiddenKeyCharacter, c, 0, actionIndex,
                    $"{keyName} contains the forbidden character U+{(int)c:X4} at position {i}{At(actionIndex)}; " +
                    "keys may not contain '/', '\\', '#', '?' or control characters.");
            }
        }
    }

    private static long PropertyStoredSize(string name, object value) => 8 + (long)name.Length * 2 + ValueStoredSize(value);

    private static long ValueStoredSize(object value) => value switch
    {
        string s => 4 + (long)s.Length * 2,
        byte[] b => 4 + (long)b.Length,
        BinaryData d => 4 + (long)d.ToMemory().Length,
        bool => 1,
        DateTime or DateTimeOffset => 8,
        double or float => 8,
        Guid => 16,
        int => 4,
        long => 8,
        Enum e => 4 + (long)e.ToString().Length * 2,
        _ => 4 + (long)(value.ToString()?.Length ?? 0) * 2,
    };

    /// <summary>
    /// JSON size on the wire, as an upper bound: the stored-size formula counts strings as UTF-16 but binary at face
    /// value, whereas the body carries binary as base64 (4/3 larger) plus an <c>@odata.type</c> annotation, and the
    /// serializer may escape a character to six bytes.
    /// </summary>
    private static long PropertyWireSize(string name, object value)
    {
        long nameBytes = Encoding.UTF8.GetByteCount(name) + 4;
        const int annotation = 64;
        return value switch
        {
            string s => nameBytes + 2 + EscapedLength(s),
            byte[] b => nameBytes + annotation + (b.LongLength + 2) / 3 * 4,
            BinaryData d => nameBytes + annotation + ((long)d.ToMemory().Length + 2) / 3 * 4,
            Enum e => nameBytes + 2 + e.ToString().Length,
            _ => nameBytes + annotation,
        };
    }

    private static long EscapedLength(string s)
    {
        long length = 0;
        foreach (var c in s)
        {
            length += c is >= ' ' and <= '~' and not '"' and not '\\' and not '<' and not '>' and not '&' and not '\'' and not '+' ? 1 : 6;
        }

        return length;
    }

    private static string At(int? actionIndex) => actionIndex is null ? string.Empty : $" (action {actionIndex})";

    /// <summary>The custom properties the SDK would send for an entity, as (name, value) with nulls left out.</summary>
    private static class EntityProperties
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

        private static readonly HashSet<string> SystemNames = new(StringComparer.Ordinal)
        {
            "PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag",
        };

        public static List<(string Name, object Value)> Of(ITableEntity entity)
        {
            var result = new List<(string, object)>();
            if (entity is IDictionary<string, object?> dictionary)
            {
                foreach (var (name, value) in dictionary)
                {
                    // Entities read back from the service carry OData annotations that are not sent on write.
                    if (value is null || SystemNames.Contains(name) || name.Contains("@odata.", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    result.Add((name, value));
                }

                return result;
            }

            foreach (var property in Cache.GetOrAdd(entity.GetType(), ReadableProperties))
            {
                var value = property.GetValue(entity);
                if (value is not null)
                {
                    result.Add((property.GetCustomAttribute<DataMemberAttribute>()?.Name ?? property.Name, value));
                }
            }

            return result;
        }

        private static PropertyInfo[] ReadableProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Where(p => !SystemNames.Contains(p.Name) && p.PropertyType != typeof(ETag))
                .Where(p => p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
                .ToArray();
    }
}
