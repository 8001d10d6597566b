namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// The head row a partition's changes are conditional on: every change rewrites it with the ETag it was read with (or
/// inserts it when the partition had none), so two changes decided on the same read cannot both commit.
/// </summary>
public static class PartitionHead
{
    /// <param name="concurrencyToken">The head's ETag as loaded; anything else (null) means the partition had no head.</param>
    public static TableTransactionAction Write(TableEntity head, object? concurrencyToken) =>
        concurrencyToken is ETag etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, head);
}
