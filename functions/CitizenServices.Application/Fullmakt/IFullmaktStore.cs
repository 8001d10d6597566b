namespace CitizenServices.Application.Fullmakt;

/// <summary>
/// Where fullmakter are kept. The principal's (giver's) own partition is the source of truth and the only thing
/// authorization reads; an inverse index by representative answers "what have I received" and is a cache of the
/// truth that <see cref="RepairIndexAsync"/> rebuilds.
/// </summary>
public interface IFullmaktStore
{
    /// <summary>Everything in the principal's partition: their fullmakter (all, ended and expired too) and idempotency records.</summary>
    Task<PrincipalFullmakter> LoadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the change, its idempotency record and its events in one transaction in the principal's partition, only if
    /// nothing changed there since <see cref="FullmaktCommit.Loaded"/> was read; then refreshes the index. False when
    /// someone else changed the partition first: reload, decide again.
    /// </summary>
    Task<bool> CommitAsync(FullmaktCommit commit, CancellationToken cancellationToken);

    /// <summary>Fullmakter held by <paramref name="representative"/>, from the inverse index (one partition query).</summary>
    Task<IReadOnlyList<Domain.Fullmakt.Fullmakt>> ListReceivedAsync(NationalIdentityNumber representative, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the index agree with the principal's partition: missing or differing rows rewritten, rows no longer true
    /// removed. Idempotent and safe at any time.
    /// </summary>
    Task<(int Rewritten, int Removed)> RepairIndexAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);
}

/// <summary>The principal's partition as read, with the token that makes a commit conditional on it.</summary>
public sealed record PrincipalFullmakter(
    NationalIdentityNumber Principal,
    IReadOnlyList<Domain.Fullmakt.Fullmakt> Fullmakter,
    IReadOnlyDictionary<string, IdempotencyRecord> Idempotency,
    object? ConcurrencyToken)
{
    public Domain.Fullmakt.Fullmakt? Find(Guid id) => Fullmakter.FirstOrDefault(f => f.Id == id);
}

/// <summary>
/// One change to a principal's fullmakter. <see cref="Events"/> is the outbox seam: the store adds them to the same
/// transaction once the outbox lands (see docs/fullmakt.md).
/// </summary>
public sealed record FullmaktCommit(
    PrincipalFullmakter Loaded, Domain.Fullmakt.Fullmakt Changed, IdempotencyRecord? Idempotency, IReadOnlyList<FullmaktEvent> Events);
