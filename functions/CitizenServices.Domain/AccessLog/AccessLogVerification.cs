namespace CitizenServices.Domain.AccessLog;

public enum AccessLogProblemKind
{
    /// <summary>The entry's stored hash does not match its fields: a field was changed.</summary>
    AlteredEntry,

    /// <summary>Sequence numbers are missing between two entries, or before the first one.</summary>
    RemovedEntries,

    /// <summary>
    /// The entry's previous hash is not the hash of the entry before it: that entry was replaced, or removed and the
    /// following ones renumbered.
    /// </summary>
    BrokenLink,

    /// <summary>The head records a later sequence than the newest entry: the newest entries were removed.</summary>
    RemovedNewestEntries,

    /// <summary>The entries are not stored in sequence order: entries were moved or swapped.</summary>
    Reordered,

    /// <summary>Two entries claim the same sequence: the chain was forked or an entry was copied.</summary>
    DuplicateSequence,

    /// <summary>There are entries but no head.</summary>
    MissingHead,

    /// <summary>The head does not match the newest entry (another hash, or entries beyond the head).</summary>
    HeadMismatch,

    /// <summary>The entry belongs to another principal's chain.</summary>
    ForeignEntry,

    /// <summary>The entry's format version is unknown, so its hash cannot be checked.</summary>
    UnknownFormat,

    /// <summary>A stored row cannot be read as an entry at all (a property is missing or has the wrong type).</summary>
    UnreadableEntry,

    /// <summary>
    /// An entry whose head was anchored in immutable storage is gone or has another hash: the table was rewritten or cut
    /// back after anchoring, hashes and head included (<see cref="AccessLogAnchors"/>).
    /// </summary>
    AnchorMismatch,
}

/// <summary>
/// One finding. <see cref="FirstSequence"/>–<see cref="LastSequence"/> is the affected range (equal for a single
/// entry). <see cref="Description"/> is for operators and the principal; it never contains identity numbers.
/// </summary>
public sealed record AccessLogProblem(AccessLogProblemKind Kind, long FirstSequence, long LastSequence, string Description);

/// <summary>The outcome of checking a principal's chain.</summary>
public sealed record AccessLogVerification(IReadOnlyList<AccessLogProblem> Problems, int EntriesChecked, long? HeadSequence)
{
    public bool IsIntact => Problems.Count == 0;
}
