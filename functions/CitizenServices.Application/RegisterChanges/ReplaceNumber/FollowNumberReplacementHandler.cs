using System.Diagnostics;
using CitizenServices.Application.CareRelations;
using CitizenServices.Application.Fullmakt;

namespace CitizenServices.Application.RegisterChanges.ReplaceNumber;

/// <summary>
/// A D-number replaced by a birth number (or any number by another): every relation stored under the former number
/// follows the person to the current one (docs/population-register.md, "A replaced number"). <b>Re-keyed, not aliased</b>:
/// the enforcement point decides from one query of the subject's partition, so what a decision about the person reads
/// must live under the number the person now logs in with; an alias would cost a second read on every request.
/// <list type="number">
/// <item>their own partitions move (<see cref="INumberReplacementStore.MoveOwnRecordsAsync"/>): fullmakter they gave,
/// foster care relations of theirs as a child, consents;</item>
/// <item>fullmakter they hold are renamed in each giver's partition, through the fullmakt store (conditional on the
/// giver's partition, so a concurrent ending is never undone);</item>
/// <item>current foster care relations naming them as foster parent get a new version naming the current number, with its
/// <c>foster-relation.changed</c> event (every change to a relation is a version, and its consumers learn the new
/// number); ended ones keep their history as it is;</item>
/// <item>guardianships come from the register: their wards are looked up again by the follower;</item>
/// <item>the former number's index rows and copies go, and the replacement is recorded under both numbers.</item>
/// </list>
/// Idempotent: run again (the feed read again, or replayed from zero), each step finds nothing left to do.
/// </summary>
public sealed class FollowNumberReplacementHandler(
    INumberReplacementStore store, IFullmaktStore fullmakter, ICareRelationStore careRelations, IPopulationRegister register, TimeProvider time)
    : INumberReplacementFollower
{
    /// <summary>Attempts when another change to the same partition commits between our read and our write.</summary>
    public const int MaxAttempts = 4;

    public async Task<IReadOnlyList<NationalIdentityNumber>> ReplacedAsync(NumberReplacement replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (replacement.Former == replacement.Current)
        {
            return [];
        }

        var own = await store.MoveOwnRecordsAsync(replacement, cancellationToken);
        var received = 0;
        foreach (var giver in own.Received.Where(r => r.Kind == ReceivedRelation.Fullmakt).Select(r => r.Principal).Distinct())
        {
            received += await FollowReceivedFullmakterAsync(giver, replacement, cancellationToken);
        }

        var fostered = 0;
        foreach (var child in own.Received.Where(r => r.Kind == ReceivedRelation.FosterCare).Select(r => r.Principal).Distinct())
        {
            fostered += await FollowFosterCareAsync(child, replacement, cancellationToken);
        }

        await store.CompleteAsync(
            replacement,
            new NumberReplacementOutcome(own.FullmakterGiven, own.CareRelationsAsChild, own.ConsentDecisions, received, fostered),
            cancellationToken);

        // A guardianship is the register's fact about the ward: the ward's document now names the current number, and the
        // follower applies it (writing the guardian's index row under the current number, removing the former one).
        return own.Received.Where(r => r.Kind == ReceivedRelation.Guardianship).Select(r => r.Principal).Distinct().ToList();
    }

    private async Task<int> FollowReceivedFullmakterAsync(NationalIdentityNumber giver, NumberReplacement replacement, CancellationToken cancellationToken)
    {
        var followed = 0;
        for (var attempt = 1; attempt <= MaxAttempts;)
        {
            var loaded = await fullmakter.LoadAsync(giver, cancellationToken);
            var next = loaded.Fullmakter
                .Select(f => f.Representative == replacement.Former ? FullmaktNumberReplacement.Follow(f, replacement.Former, replacement.Current) : null)
                .OfType<Domain.Fullmakt.Fullmakt>()
                .FirstOrDefault();
            if (next is null)
            {
                return followed;
            }

            if (await fullmakter.CommitAsync(new FullmaktCommit(loaded, next, null, []), cancellationToken))
            {
                followed++;
            }
            else
            {
                attempt++;
            }
        }

        throw new InvalidOperationException($"Following a replaced number in the fullmakter of {giver} lost {MaxAttempts} races; the feed is read again.");
    }

    private async Task<int> FollowFosterCareAsync(NationalIdentityNumber child, NumberReplacement replacement, CancellationToken cancellationToken)
    {
        var followed = 0;
        for (var attempt = 1; attempt <= MaxAttempts;)
        {
            var loaded = await careRelations.LoadAsync(child, cancellationToken);
            var now = time.GetUtcNow();
            var next = loaded.Relations
                .Select(r => CareRelationNumberReplacement.ReplaceFosterParent(r, replacement.Former, replacement.Current, now))
                .OfType<CareRelation>()
                .FirstOrDefault();
            if (next is null)
            {
                return followed;
            }

            var parents = (await register.FindAsync(child, cancellationToken))?.ParentsWithParentalResponsibility ?? [];
            var (type, data) = CareRelationRules.EventOf(next, parents);
            var events = new[] { DomainEvent.Create(type, child, data, now, Activity.Current?.TraceId.ToHexString()) };
            if (await careRelations.CommitAsync(new CareRelationCommit(loaded, next, null, events), cancellationToken))
            {
                followed++;
            }
            else
            {
                attempt++;
            }
        }

        throw new InvalidOperationException($"Following a replaced number in the care relations of {child} lost {MaxAttempts} races; the feed is read again.");
    }
}
