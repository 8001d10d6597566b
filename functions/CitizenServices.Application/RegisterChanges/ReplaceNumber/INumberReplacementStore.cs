namespace CitizenServices.Application.RegisterChanges.ReplaceNumber;

/// <summary>
/// The storage side of a replaced number: what is kept under the person's own number (their partitions) moves as a whole;
/// what names them in other people's partitions is followed by the handler, one relation at a time, through each kind's
/// own store. Every step is idempotent: rows already at the current number are left as they are (never overwritten with
/// the older copy), rows at the former number are removed only after their copy is written.
/// </summary>
public interface INumberReplacementStore
{
    /// <summary>
    /// Moves the person's own partitions from the former to the current number: the fullmakter they gave, the foster care
    /// relations where they are the child, their consent decisions and history, the copies of other people's facts their
    /// decisions read, and the index rows of those relations; removes the replica's row of the former number. Returns
    /// what it moved and the relations that name the former number in other people's partitions (from the index by
    /// representative), for the handler to follow.
    /// </summary>
    Task<OwnRecordsMoved> MoveOwnRecordsAsync(NumberReplacement replacement, CancellationToken cancellationToken);

    /// <summary>
    /// After the relations naming the former number were followed: the former number's rows of the index by representative
    /// and the copies of its facts in other partitions are removed, and the replacement is recorded under both numbers (the
    /// audit record: which number replaced which, learnt at which feed position, when, and what moved).
    /// </summary>
    Task CompleteAsync(NumberReplacement replacement, NumberReplacementOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>A relation in another person's partition that names the former number as representative.</summary>
/// <param name="Kind">The index source: <c>fullmakt</c>, <c>fostercare</c> or <c>guardianship</c>.</param>
public sealed record ReceivedRelation(string Kind, NationalIdentityNumber Principal, Guid RelationId)
{
    public const string Fullmakt = "fullmakt";
    public const string FosterCare = "fostercare";
    public const string Guardianship = "guardianship";
}

/// <summary>What moved with the person's own partitions, and what names them elsewhere.</summary>
public sealed record OwnRecordsMoved(int FullmakterGiven, int CareRelationsAsChild, int ConsentDecisions, IReadOnlyList<ReceivedRelation> Received);

/// <summary>Everything a replacement moved or followed, for the audit record.</summary>
public sealed record NumberReplacementOutcome(
    int FullmakterGiven, int CareRelationsAsChild, int ConsentDecisions, int FullmakterReceived, int CareRelationsAsFosterParent)
{
    public bool Any => FullmakterGiven + CareRelationsAsChild + ConsentDecisions + FullmakterReceived + CareRelationsAsFosterParent > 0;
}
