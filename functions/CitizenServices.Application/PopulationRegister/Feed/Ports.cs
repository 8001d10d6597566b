namespace CitizenServices.Application.PopulationRegister.Feed;

/// <summary>One entry of the register's event feed (hendelsesliste): which person changed, at which position.</summary>
public sealed record FeedEntry(long Sequence, string PersonId, string EventType, DateTimeOffset RecordedAt);

/// <summary>A page of the feed; <see cref="NotModified"/> when the register answered 304 to the stored ETag.</summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, string? ETag, bool NotModified);

/// <summary>
/// The register's answer for one person: the facts the rules read, or why the document could not be read (parked, never
/// guessed), or that the register does not know the number (any more).
/// </summary>
public sealed record PersonLookup(string RequestedId, RegisteredPerson? Person, string? UnreadableReason, string? RawDocument)
{
    public bool NotFound => Person is null && UnreadableReason is null;
}

/// <summary>The register's consumer API as the follower uses it (Folkeregisteret, or its double).</summary>
public interface IRegisterFeedSource
{
    /// <summary>The largest page the register hands out; a shorter page means the follower has caught up.</summary>
    int PageSize { get; }

    Task<FeedPage> ReadPageAsync(long fromSequence, string? etag, CancellationToken cancellationToken);

    /// <summary>The current documents of the persons, asking only for the elements the rules need (part=).</summary>
    Task<IReadOnlyList<PersonLookup>> LookupAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The numbers the person had before their current one (identifier history), asked for only when the register
    /// announces a new identifier: the history of the identifier element alone, nothing else (data minimisation).
    /// </summary>
    Task<FormerNumbers> FormerNumbersAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Where the follower stands in the feed: the next sequence number to read, and the ETag of the last page.</summary>
public sealed record FeedPosition(long NextSequence, string? ETag, DateTimeOffset? LastEventRecordedAt, object? ConcurrencyToken);

/// <summary>The local replica of the register facts, in Table Storage, and the follower's position in the feed.</summary>
public interface IRegisterReplica
{
    Task<FeedPosition> ReadPositionAsync(string feed, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the position on. Conditional on the position read: false when another run moved it first (this run stops).
    /// Called only after every fact up to the new position is stored.
    /// </summary>
    Task<bool> AdvanceAsync(string feed, FeedPosition read, FeedPosition advanced, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a person's facts (idempotently: the same facts twice leave the same rows) and updates every partition whose
    /// decisions read them: copies in the partitions of the people the person may represent (a parent's address is read
    /// by the child's decision), and the index rows of the register's relations (parents, guardians).
    /// </summary>
    Task<ReplicaChange> ApplyAsync(RegisteredPerson person, long sequence, CancellationToken cancellationToken);

    /// <summary>The facts as stored, or null.</summary>
    Task<RegisteredPerson?> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken);
}

/// <summary>What applying one person's facts changed.</summary>
public sealed record ReplicaChange(bool Changed, bool Died, IReadOnlyList<NationalIdentityNumber> CopiesUpdated);
