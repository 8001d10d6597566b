namespace CitizenServices.Infrastructure.Storage;

/// <summary>The production Table Storage limit a write would break.</summary>
public enum TableLimit
{
    EmptyTransaction,
    TooManyActions,
    MultiplePartitions,
    DuplicateRowKey,
    TransactionPayloadTooLarge,
    EntityTooLarge,
    TooManyProperties,
    PropertyTooLarge,
    KeyTooLong,
    ForbiddenKeyCharacter,
}

/// <summary>
/// Thrown before any request is sent when a write would break a limit that real Table Storage enforces and Azurite
/// does not, so the defect shows up in local tests instead of in production. Messages carry figures and positions,
/// never key or property values, because keys identify citizens.
/// </summary>
public sealed class TableLimitException : Exception
{
    public TableLimitException()
    {
    }

    public TableLimitException(string message)
        : base(message)
    {
    }

    public TableLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableLimitException(TableLimit limit, long actual, long maximum, int? actionIndex, string message)
        : base(message)
    {
        Limit = limit;
        Actual = actual;
        Maximum = maximum;
        ActionIndex = actionIndex;
    }

    public TableLimit Limit { get; }

    /// <summary>The offending figure: action count, partition count, bytes, property count, character code, ...</summary>
    public long Actual { get; }

    /// <summary>The largest allowed figure (for <see cref="TableLimit.TransactionPayloadTooLarge"/> the payload must be below it).</summary>
    public long Maximum { get; }

    /// <summary>Index of the offending action in a transaction, when one action is to blame.</summary>
    public int? ActionIndex { get; }
}
