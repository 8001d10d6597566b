namespace CitizenServices.Application.PopulationRegister.Feed;

/// <summary>What one run of the follower did.</summary>
public sealed record FeedRun(int Pages, int Events, int PersonsApplied, int Parked, int NotFound, long NextSequence, bool CaughtUp, int NumbersReplaced = 0);

/// <summary>
/// Follows Folkeregisteret's event feed into the replica (docs/population-register.md, "The follower"): reads from the
/// stored position, looks the changed persons up in bulk (only the elements the rules need), stores their facts, and
/// only then moves the position past the page. A fault anywhere (after the client's retries) ends the run with the
/// position where it was, so the next run reads the same page again: no sequence number is skipped, and replaying is
/// harmless because applying a person's current document is idempotent. A document the client cannot read is parked
/// with its reason and the run goes on: a retry cannot make it readable, and one bad document must not stop the feed.
/// </summary>
public sealed class FollowRegisterFeedHandler(
    IRegisterFeedSource source, IRegisterReplica replica, IParkingLot parkingLot, RegisterFeedLag lag, TimeProvider time,
    IEnumerable<IRegisterChangeObserver> observers, IEnumerable<INumberReplacementFollower> replacementFollowers)
{
    public const string ParkingConsumer = "register-feed";

    private readonly IRegisterChangeObserver[] _observers = observers.ToArray();

    /// <summary>
    /// Told of every replaced number before the person's facts are applied under the current one, so relations stored under
    /// the former number have followed the person when the facts land (docs/population-register.md, "A replaced number").
    /// A constructor argument beside the observers, so no caller can leave them out.
    /// </summary>
    private readonly INumberReplacementFollower[] _replacementFollowers = replacementFollowers.ToArray();

    /// <summary>The feed's name in storage (one position per feed followed).</summary>
    public string Feed { get; init; } = "folkeregisteret";

    /// <summary>Bulk lookups are made in chunks of this many persons.</summary>
    public int LookupChunk { get; init; } = 100;

    public async Task<FeedRun> HandleAsync(int maxPages, CancellationToken cancellationToken)
    {
        int pages = 0, events = 0, applied = 0, parked = 0, notFound = 0, replaced = 0;
        var position = await replica.ReadPositionAsync(Feed, cancellationToken);
        while (pages < maxPages)
        {
            var page = await source.ReadPageAsync(position.NextSequence, position.ETag, cancellationToken);
            var entries = page.Entries.Where(e => e.Sequence >= position.NextSequence).OrderBy(e => e.Sequence).ToList();
            if (page.NotModified || entries.Count == 0)
            {
                lag.CaughtUp(time.GetUtcNow());
                return new FeedRun(pages, events, applied, parked, notFound, position.NextSequence, true, replaced);
            }

            pages++;
            events += entries.Count;
            var persons = entries.Select(e => e.PersonId).Distinct(StringComparer.Ordinal).ToList();
            var lastSequenceOf = entries.GroupBy(e => e.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => e.Sequence), StringComparer.Ordinal);
            var recordedAtOf = entries.GroupBy(e => e.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => e.RecordedAt), StringComparer.Ordinal);
            var newIdentifier = entries.Where(e => e.EventType == NumberReplacement.EventType).Select(e => e.PersonId).ToHashSet(StringComparer.Ordinal);
            var refresh = new List<string>();
            foreach (var chunk in persons.Chunk(LookupChunk).Append([]))
            {
                // The last round looks up the children whose documents changed without an event of their own (a parent's
                // number replaced by another, say): their facts still name someone the parent's document no longer is.
                var ids = chunk.Length > 0 ? chunk : refresh.Distinct(StringComparer.Ordinal).Except(persons, StringComparer.Ordinal).ToArray();
                if (ids.Length == 0)
                {
                    continue;
                }

                var lookups = await source.LookupAsync(ids, cancellationToken);
                foreach (var lookup in lookups)
                {
                    var sequence = lastSequenceOf.GetValueOrDefault(lookup.RequestedId, entries[^1].Sequence);
                    if (lookup.Person is { } person)
                    {
                        var (formerNumbers, history) = await FormerNumbersOfAsync(lookup, person, newIdentifier.Contains(lookup.RequestedId), cancellationToken);
                        if (history.UnreadableReason is { } historyProblem)
                        {
                            // The person's facts are still applied under the current number; what is stored under a former
                            // one stays there until a readable history arrives (a later event, or a replay of this one).
                            parked++;
                            await parkingLot.ParkAsync(
                                new ParkedMessage(
                                    ParkingConsumer, historyProblem, Encoding.UTF8.GetBytes(history.RawDocument ?? string.Empty),
                                    $"sekvensnummer {sequence}", 1, time.GetUtcNow()),
                                cancellationToken);
                        }

                        foreach (var former in formerNumbers)
                        {
                            replaced++;
                            var replacement = new NumberReplacement(
                                former, person.Id, sequence, recordedAtOf.GetValueOrDefault(lookup.RequestedId, entries[^1].RecordedAt));
                            foreach (var follower in _replacementFollowers)
                            {
                                refresh.AddRange((await follower.ReplacedAsync(replacement, cancellationToken)).Select(p => p.Value));
                            }
                        }

                        var change = await replica.ApplyAsync(person, sequence, cancellationToken);
                        applied++;
                        foreach (var child in person.ChildrenWithParentalResponsibility)
                        {
                            if (await replica.FindAsync(child, cancellationToken) is { } facts && !facts.ParentsWithParentalResponsibility.Contains(person.Id))
                            {
                                refresh.Add(child.Value);
                            }
                        }

                        foreach (var observer in _observers)
                        {
                            await observer.AppliedAsync(person, change, cancellationToken);
                        }
                    }
                    else if (lookup.UnreadableReason is { } reason)
                    {
                        parked++;
                        await parkingLot.ParkAsync(
                            new ParkedMessage(
                                ParkingConsumer, reason, Encoding.UTF8.GetBytes(lookup.RawDocument ?? string.Empty),
                                $"sekvensnummer {sequence}", 1, time.GetUtcNow()),
                            cancellationToken);
                    }
                    else
                    {
                        // A number the register no longer answers for (replaced, or ceased): nothing to store. Its last
                        // facts stay until an event about the person under the new number arrives.
                        notFound++;
                    }
                }
            }

            var last = entries[^1];
            var next = new FeedPosition(last.Sequence + 1, page.ETag, last.RecordedAt, null);
            if (!await replica.AdvanceAsync(Feed, position, next, cancellationToken))
            {
                // Another run moved the position while this one worked: it has applied (or will apply) the same pages.
                return new FeedRun(pages, events, applied, parked, notFound, position.NextSequence, false, replaced);
            }

            lag.Applied(last.RecordedAt, time.GetUtcNow());
            position = await replica.ReadPositionAsync(Feed, cancellationToken);
            if (entries.Count < source.PageSize)
            {
                lag.CaughtUp(time.GetUtcNow());
                return new FeedRun(pages, events, applied, parked, notFound, position.NextSequence, true, replaced);
            }
        }

        return new FeedRun(pages, events, applied, parked, notFound, position.NextSequence, false, replaced);
    }

    /// <summary>
    /// The numbers the person was known by before: the number looked up, when the register answered with a person under
    /// another (the feed named the former number), and, when the register announced a new identifier, the identifier
    /// history it keeps for the person.
    /// </summary>
    private async Task<(IReadOnlyList<NationalIdentityNumber> Numbers, FormerNumbers History)> FormerNumbersOfAsync(
        PersonLookup lookup, RegisteredPerson person, bool newIdentifierAnnounced, CancellationToken cancellationToken)
    {
        var numbers = new List<NationalIdentityNumber>();
        if (lookup.RequestedId != person.Id.Value && NationalIdentityNumber.TryParse(lookup.RequestedId, out var asked))
        {
            numbers.Add(asked);
        }

        var history = newIdentifierAnnounced ? await source.FormerNumbersAsync(person.Id.Value, cancellationToken) : FormerNumbers.None;
        numbers.AddRange(history.Numbers);
        return (numbers.Where(n => n != person.Id).Distinct().ToList(), history);
    }
}

/// <summary>Told about every person the follower applied (e.g. to end a deceased person's fullmakter).</summary>
public interface IRegisterChangeObserver
{
    Task AppliedAsync(RegisteredPerson person, ReplicaChange change, CancellationToken cancellationToken);
}
