using CitizenServices.Application.Fullmakt;

namespace CitizenServices.Application.RegisterChanges.EndFullmakterOnDeath;

/// <summary>
/// A death in the register ends the deceased's fullmakter, both those they gave and those they held
/// (<see cref="FullmaktDeath"/>), each with its <c>fullmakt.ended</c> event through the outbox, in the same transaction as
/// the ending in the giver's partition. Told of every person the follower applies; acts on the person's state, not on the
/// news of the death, so a run that stopped half-way, a page read again or a replay from zero ends whatever is still
/// current and nothing twice (an ended fullmakt stays ended, and its event is not raised again).
/// </summary>
public sealed class EndFullmakterOnDeathHandler(IFullmaktStore store, TimeProvider time) : IRegisterChangeObserver
{
    /// <summary>Attempts when another change to the same partition commits between our read and our write.</summary>
    public const int MaxAttempts = 4;

    public async Task AppliedAsync(RegisteredPerson person, ReplicaChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!person.IsDeceased)
        {
            return;
        }

        await EndAsync(person.Id, person.Id, cancellationToken);

        // Those they held live in each giver's partition; the index by representative says where.
        var now = time.GetUtcNow();
        var givers = (await store.ListReceivedAsync(person.Id, cancellationToken)).Where(f => f.IsCurrentAt(now)).Select(f => f.Giver).Distinct();
        foreach (var giver in givers)
        {
            await EndAsync(giver, person.Id, cancellationToken);
        }
    }

    /// <summary>Ends, one commit at a time, every current fullmakt in <paramref name="principal"/>'s partition that the deceased is a party to.</summary>
    private async Task EndAsync(NationalIdentityNumber principal, NationalIdentityNumber deceased, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts;)
        {
            var now = time.GetUtcNow();
            var loaded = await store.LoadAsync(principal, cancellationToken);
            var current = loaded.Fullmakter.FirstOrDefault(f => (f.Giver == deceased || f.Representative == deceased) && f.IsCurrentAt(now));
            if (current is null)
            {
                return;
            }

            var (ended, _) = FullmaktDeath.End(current, deceased, now);
            if (!await store.CommitAsync(new FullmaktCommit(loaded, ended, null, [FullmaktEvents.Ended(ended)]), cancellationToken))
            {
                attempt++;
            }
        }

        throw new InvalidOperationException($"Ending the fullmakter of a deceased person in {principal}'s partition lost {MaxAttempts} races; the feed is read again.");
    }
}
