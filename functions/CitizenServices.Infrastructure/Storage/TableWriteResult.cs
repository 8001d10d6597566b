namespace CitizenServices.Infrastructure.Storage;

/// <summary>
/// Outcomes of a write that callers are expected to handle as part of normal control flow (races, retries); anything
/// else is a fault and stays an exception.
/// </summary>
public enum TableWriteOutcome
{
    Succeeded,

    /// <summary>409: an add hit an entity that already exists.</summary>
    AlreadyExists,

    /// <summary>412: the entity changed since its ETag was read.</summary>
    PreconditionFailed,

    /// <summary>404: the entity (or table) does not exist.</summary>
    NotFound,
}

/// <summary>Result of a single-entity write; <see cref="ETag"/> is the new ETag when the write succeeded.</summary>
public readonly record struct TableWriteResult(TableWriteOutcome Outcome, ETag ETag)
{
    public bool Succeeded => Outcome == TableWriteOutcome.Succeeded;
}

/// <summary>
/// Result of an entity group transaction. The transaction is atomic, so on failure nothing was written and
/// <see cref="FailedActionIndex"/> names the action the service refused.
/// </summary>
public sealed record TableTransactionResult(TableWriteOutcome Outcome, int? FailedActionIndex, IReadOnlyList<ETag> ETags)
{
    public bool Succeeded => Outcome == TableWriteOutcome.Succeeded;
}
