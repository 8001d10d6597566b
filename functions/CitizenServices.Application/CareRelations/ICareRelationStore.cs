namespace CitizenServices.Application.CareRelations;

/// <summary>
/// Where foster care relations are kept. The child's own partition is the source of truth and the only thing
/// authorization reads; the shared index by representative answers "who can I act for" and is a cache of the truth that
/// <see cref="RepairIndexAsync"/> rebuilds.
/// </summary>
public interface ICareRelationStore
{
    /// <summary>The child's partition for a change: every relation with its full history, rejected command ids, the concurrency token.</summary>
    Task<ChildCareRelations> LoadAsync(NationalIdentityNumber child, CancellationToken cancellationToken);

    /// <summary>The child's relations in their current version only (ended ones too): the read authorization makes.</summary>
    Task<IReadOnlyList<CareRelation>> ListForChildAsync(NationalIdentityNumber child, CancellationToken cancellationToken);

    /// <summary>The child a relation id belongs to, for routes that name only the relation; null when unknown.</summary>
    Task<NationalIdentityNumber?> LocateAsync(Guid relationId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the new version (and the relation's current state), or the rejected command id, with the events in one
    /// transaction in the child's partition, only if nothing changed there since it was loaded; then refreshes the
    /// index. False when someone else changed the partition first: reload, decide again.
    /// </summary>
    Task<bool> CommitAsync(CareRelationCommit commit, CancellationToken cancellationToken);

    /// <summary>Makes the index agree with the child's partition: missing or wrong rows rewritten, rows the truth does not back removed.</summary>
    Task<(int Rewritten, int Removed)> RepairIndexAsync(NationalIdentityNumber child, CancellationToken cancellationToken);
}

/// <summary>The child's partition as read, with the token that makes a commit conditional on it.</summary>
public sealed record ChildCareRelations(
    NationalIdentityNumber Child,
    IReadOnlyList<CareRelation> Relations,
    IReadOnlySet<Guid> RejectedCommands,
    object? ConcurrencyToken);

/// <param name="Changed">The relation with its new version; null when only a rejection is recorded.</param>
/// <param name="RejectedCommand">The id of a queue command that was rejected, recorded so its reply goes out once.</param>
public sealed record CareRelationCommit(
    ChildCareRelations Loaded, CareRelation? Changed, Guid? RejectedCommand, IReadOnlyList<DomainEvent> Events);
