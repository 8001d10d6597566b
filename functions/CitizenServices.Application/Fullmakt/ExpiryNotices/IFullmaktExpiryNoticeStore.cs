namespace CitizenServices.Application.Fullmakt.ExpiryNotices;

/// <summary>
/// What the "expiring soon" notices need from storage. An expiry index, partitioned by the last valid day, lists the
/// fullmakter whose notice may still be due, so the timer reads a handful of day partitions instead of every
/// principal. The index is a work list, not the truth: every decision is taken on the principal's own partition, and
/// the notice is committed there, conditional on it not having changed since it was read.
/// </summary>
public interface IFullmaktExpiryNoticeStore
{
    /// <summary>At most <paramref name="max"/> entries of fullmakter whose last valid day is <paramref name="lastValidDay"/>.</summary>
    Task<IReadOnlyList<ExpiryNoticeEntry>> ListAsync(DateOnly lastValidDay, int max, CancellationToken cancellationToken);

    /// <summary>The principal's partition, with the notices already sent (the marker on each fullmakt).</summary>
    Task<ExpiryNoticeState> LoadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the fullmakt's notice as sent and stages its event in the outbox, in one transaction in the principal's
    /// partition, only if nothing changed there since <paramref name="loaded"/> was read. False when someone else
    /// changed the partition first (another run sent it, or the fullmakt was ended): reload, decide again.
    /// </summary>
    Task<bool> CommitNoticeAsync(ExpiryNoticeState loaded, FullmaktEvent notice, CancellationToken cancellationToken);

    /// <summary>Removes an entry nothing more is to be done for; removing one that is gone is not an error.</summary>
    Task ForgetAsync(ExpiryNoticeEntry entry, CancellationToken cancellationToken);
}

/// <summary>One row of the expiry index: the fullmakt <paramref name="FullmaktId"/> in <paramref name="Principal"/>'s partition.</summary>
public sealed record ExpiryNoticeEntry(DateOnly LastValidDay, NationalIdentityNumber Principal, Guid FullmaktId);

/// <summary>The principal's partition as read (its token makes a commit conditional) and when each notice was sent.</summary>
public sealed record ExpiryNoticeState(PrincipalFullmakter Loaded, IReadOnlyDictionary<Guid, DateTimeOffset> NoticesSent)
{
    public DateTimeOffset? NoticeSentAt(Guid fullmaktId) => NoticesSent.TryGetValue(fullmaktId, out var at) ? at : null;
}
