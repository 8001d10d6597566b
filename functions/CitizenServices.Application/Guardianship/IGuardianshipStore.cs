using CitizenServices.Application.Events;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Application.Guardianship;

/// <summary>
/// Where guardianships from the register feed are kept. The ward's own partition is the source of truth and the only
/// thing authorization reads; the shared inverse index by representative answers "who can I act for" and is a cache of the truth that
/// <see cref="RepairIndexAsync"/> rebuilds.
/// </summary>
public interface IGuardianshipStore
{
    /// <summary>The ward's partition for a change: guardianships, the feed changes already applied, and the concurrency token.</summary>
    Task<WardGuardianships> LoadAsync(NationalIdentityNumber ward, CancellationToken cancellationToken);

    /// <summary>The ward's guardianships only (all, ended too): the read authorization makes.</summary>
    Task<IReadOnlyList<GuardianshipRecord>> ListForWardAsync(NationalIdentityNumber ward, CancellationToken cancellationToken);

    /// <summary>
    /// Records the change id, the new state (if any) and its events in one transaction in the ward's partition, only if
    /// nothing changed there since <see cref="GuardianshipCommit.Loaded"/> was read; then refreshes the index. False when
    /// someone else changed the partition first (or recorded the same change id): reload, decide again.
    /// </summary>
    Task<bool> CommitAsync(GuardianshipCommit commit, CancellationToken cancellationToken);

    /// <summary>Rewrites the index row of <paramref name="guardianship"/> from the given (committed) state.</summary>
    Task RefreshIndexAsync(GuardianshipRecord guardianship, CancellationToken cancellationToken);

    /// <summary>Makes the index agree with the ward's partition: missing or wrong rows rewritten, rows the truth does not back removed.</summary>
    Task<GuardianshipIndexRepair> RepairIndexAsync(NationalIdentityNumber ward, CancellationToken cancellationToken);
}

/// <summary>The ward's partition as read, with the token that makes a commit conditional on it.</summary>
public sealed record WardGuardianships(
    NationalIdentityNumber Ward,
    IReadOnlyList<GuardianshipRecord> Guardianships,
    IReadOnlySet<Guid> AppliedChanges,
    object? ConcurrencyToken)
{
    public GuardianshipRecord? Find(Guid id) => Guardianships.FirstOrDefault(g => g.Id == id);
}

/// <param name="Changed">The new state; null when the change was superseded and only its id is recorded.</param>
/// <param name="Outcome">What the change did, kept with its id for operators.</param>
public sealed record GuardianshipCommit(
    WardGuardianships Loaded,
    Guid ChangeId,
    GuardianshipDecisionOutcome Outcome,
    string? MessageId,
    GuardianshipRecord? Changed,
    IReadOnlyList<DomainEvent> Events);

public sealed record GuardianshipIndexRepair(NationalIdentityNumber Ward, int Rewritten, int Removed);
