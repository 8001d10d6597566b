using CitizenServices.Application.RegisterChanges.ReplaceNumber;
using CitizenServices.Infrastructure.CareRelations;
using CitizenServices.Infrastructure.Consent;
using CitizenServices.Infrastructure.Fullmakt;

namespace CitizenServices.Infrastructure.RegisterChanges;

/// <summary>
/// <see cref="INumberReplacementStore"/> on Table Storage. The former number's partition of table <c>people</c> (register
/// facts and their copies, fullmakter given, foster care relations as the child) and of table <c>consent</c> are copied to
/// the current number's partitions, then their index rows are rewritten, and only then are the former rows removed. A
/// row already present under the current number is never overwritten (it is as new or newer), so reading the feed again
/// after a fault, or replaying it from zero, cannot put an older state back. What the former partition holds that is not
/// state (outbox rows on their way to Service Bus, the record of the replacement) stays there.
/// </summary>
public sealed class TableNumberReplacementStore(
    BoundedTable people, BoundedTable consent, BoundedTable consentByDefinition, BoundedTable expiry, RepresentedIndex index, IConsentStore consents,
    TimeProvider time, ILogger<TableNumberReplacementStore> logger) : INumberReplacementStore
{
    /// <summary>RowKey prefix of the record of a replacement, in the people partition of both numbers: <c>n|{the other number}</c>.</summary>
    public const string RecordPrefix = "n|";

    /// <summary>Rows per transaction besides the head (a transaction holds at most 100).</summary>
    private const int Chunk = 99;

    public async Task<OwnRecordsMoved> MoveOwnRecordsAsync(NumberReplacement replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var (former, current) = (replacement.Former, replacement.Current);

        var moved = new List<TableEntity>();
        var removed = new List<string>();
        var given = new List<(Domain.Fullmakt.Fullmakt Fullmakt, DateTimeOffset? NoticeSentAt)>();
        var asChild = new List<CareRelation>();
        RegisteredFacts? facts = null;
        await foreach (var row in people.QueryPartitionAsync<TableEntity>(former.Value, cancellationToken: cancellationToken))
        {
            var key = row.RowKey;
            if (key == ReplicaRows.RowKey(former))
            {
                facts = ReplicaRows.Read(row) is { } person
                    ? new RegisteredFacts(person.ParentsWithParentalResponsibility.Concat(person.ChildrenWithParentalResponsibility).ToList(),
                        person.Guardianships.Select(g => g.GuardianId).ToList())
                    : new RegisteredFacts([], []);
                removed.Add(key);
            }
            else if (key.StartsWith(ReplicaRows.Prefix, StringComparison.Ordinal))
            {
                // A copy of someone else's facts that the person's decisions read; a copy of the person themself is dropped.
                if (key != ReplicaRows.RowKey(current))
                {
                    moved.Add(Rekeyed(row, current));
                }

                removed.Add(key);
            }
            else if (key.StartsWith(FullmaktRows.FullmaktPrefix, StringComparison.Ordinal))
            {
                var fullmakt = FullmaktRows.Read(row) ?? throw new InvalidOperationException($"Fullmakt row {key} of {former} is malformed.");
                var renamed = FullmaktNumberReplacement.Follow(fullmakt, former, current) ?? fullmakt;
                var truth = FullmaktRows.Truth(renamed);
                var noticeSentAt = row.GetDateTimeOffset(FullmaktRows.Properties.ExpiryNoticeSentAt);
                if (noticeSentAt is { } sent)
                {
                    truth[FullmaktRows.Properties.ExpiryNoticeSentAt] = sent;
                }

                moved.Add(truth);
                given.Add((renamed, noticeSentAt));
                removed.Add(key);
            }
            else if (key.StartsWith(CareRelationRows.RelationPrefix, StringComparison.Ordinal))
            {
                var (id, _, version) = CareRelationRows.Read(row) ?? throw new InvalidOperationException($"Care relation row {key} of {former} is malformed.");
                var relation = new CareRelation(id, current, [version]);
                moved.Add(CareRelationRows.Current(relation));
                asChild.Add(relation);
                removed.Add(key);
            }
            else if (key.StartsWith(FullmaktRows.IdempotencyPrefix, StringComparison.Ordinal)
                     || key.StartsWith(CareRelationRows.VersionPrefix, StringComparison.Ordinal)
                     || key.StartsWith(CareRelationRows.RejectedPrefix, StringComparison.Ordinal))
            {
                // History and idempotency records move as they are: a version names the child by the number it had then.
                moved.Add(Rekeyed(row, current));
                removed.Add(key);
            }
            else if (key == FullmaktRows.HeadRowKey)
            {
                removed.Add(key);
            }
            else if (!key.StartsWith("outbox|", StringComparison.Ordinal) && !key.StartsWith(RecordPrefix, StringComparison.Ordinal))
            {
                logger.LogWarning("A row of an unknown kind ({Prefix}...) stays under the replaced number {Former}.", key.Split('|')[0], former);
            }
        }

        await InsertAbsentAsync(current, moved, cancellationToken);

        foreach (var relation in asChild)
        {
            await people.UpsertAsync(CareRelationRows.Locator(relation.Id, current), TableUpdateMode.Replace, cancellationToken);
        }

        await MoveIndexRowsAsync(former, given, asChild, facts, cancellationToken);
        var decisions = await MoveConsentAsync(former, current, cancellationToken);

        // The relations that name the former number elsewhere: the handler follows them through their own stores.
        var received = new List<ReceivedRelation>();
        await foreach (var row in index.QueryKeysAsync(former, cancellationToken))
        {
            var parts = row.RowKey.Split('|');
            if (parts.Length == 3 && NationalIdentityNumber.TryParse(parts[1], out var principal) && Guid.TryParseExact(parts[2], "N", out var relationId))
            {
                received.Add(new ReceivedRelation(parts[0], principal, relationId));
            }
        }

        // Copies of the former number's facts in the partitions that read them; the follower writes the current number's.
        var holders = new HashSet<NationalIdentityNumber>(received.Select(r => r.Principal));
        holders.UnionWith(facts?.Related ?? []);
        holders.UnionWith(facts?.Guardians ?? []);
        holders.UnionWith(given.Select(g => g.Fullmakt.Representative));
        holders.UnionWith(asChild.SelectMany(r => r.Current.FosterParents));
        holders.Remove(former);
        foreach (var holder in holders)
        {
            await people.DeleteAsync(holder.Value, ReplicaRows.RowKey(former), cancellationToken: cancellationToken);
        }

        // Last: the former rows, each already written under the current number.
        foreach (var key in removed)
        {
            await people.DeleteAsync(former.Value, key, cancellationToken: cancellationToken);
        }

        if (given.Count + asChild.Count + decisions > 0)
        {
            logger.LogInformation(
                "Number {Former} replaced by {Current} (register sequence {Sequence}): moved {Fullmakter} fullmakter given, {CareRelations} care relations as the child, {Decisions} consent decisions.",
                former, current, replacement.Sequence, given.Count, asChild.Count, decisions);
        }

        return new OwnRecordsMoved(given.Count, asChild.Count, decisions, received);
    }

    public async Task CompleteAsync(NumberReplacement replacement, NumberReplacementOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentNullException.ThrowIfNull(outcome);
        var (former, current) = (replacement.Former, replacement.Current);

        // Every relation that named the former number has been followed (the kinds' stores wrote their rows under the
        // current number), so nothing in the former number's index partition is true any more.
        var stale = new List<string>();
        await foreach (var row in index.QueryKeysAsync(former, cancellationToken))
        {
            stale.Add(row.RowKey);
        }

        foreach (var rowKey in stale)
        {
            await index.DeleteAsync(former.Value, rowKey, cancellationToken);
        }

        // The record, under both numbers (operators and audits find it from either); the first one written stays.
        var at = time.GetUtcNow();
        await people.AddAsync(Record(current, former, replacement, outcome, at), cancellationToken);
        await people.AddAsync(Record(former, current, replacement, outcome, at), cancellationToken);
        if (outcome.FullmakterReceived + outcome.CareRelationsAsFosterParent > 0)
        {
            logger.LogInformation(
                "Number {Former} replaced by {Current}: followed {Fullmakter} fullmakter held and {CareRelations} foster care relations.",
                former, current, outcome.FullmakterReceived, outcome.CareRelationsAsFosterParent);
        }
    }

    /// <summary>The record of a replacement in <paramref name="partition"/>'s people partition, naming the other number.</summary>
    public static TableEntity Record(
        NationalIdentityNumber partition, NationalIdentityNumber other, NumberReplacement replacement, NumberReplacementOutcome outcome, DateTimeOffset at) =>
        new(partition.Value, RecordPrefix + other.Value)
        {
            ["Former"] = replacement.Former.Value,
            ["Current"] = replacement.Current.Value,
            ["RegisterSequence"] = replacement.Sequence,
            ["RegisterRecordedAt"] = replacement.RecordedAt,
            ["AppliedAt"] = at,
            ["FullmakterGiven"] = outcome.FullmakterGiven,
            ["FullmakterReceived"] = outcome.FullmakterReceived,
            ["CareRelationsAsChild"] = outcome.CareRelationsAsChild,
            ["CareRelationsAsFosterParent"] = outcome.CareRelationsAsFosterParent,
            ["ConsentDecisions"] = outcome.ConsentDecisions,
        };

    /// <summary>
    /// Inserts the rows the current number's partition does not have yet, in transactions that also rewrite the partition's
    /// head: a change decided on the partition while rows were arriving fails its own conditional write and is decided again.
    /// </summary>
    private async Task InsertAbsentAsync(NationalIdentityNumber current, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        ETag? head = null;
        await foreach (var row in people.QueryPartitionAsync<TableEntity>(current.Value, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            present.Add(row.RowKey);
            if (row.RowKey == FullmaktRows.HeadRowKey)
            {
                head = row.ETag;
            }
        }

        foreach (var chunk in rows.Where(r => present.Add(r.RowKey)).Chunk(Chunk))
        {
            var actions = new List<TableTransactionAction> { PartitionHead.Write(FullmaktRows.Head(current, time.GetUtcNow()), head) };
            actions.AddRange(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            var result = await people.SubmitTransactionAsync(actions, cancellationToken);
            if (!result.Succeeded)
            {
                // Someone changed the partition meanwhile: the run fails and the next one reads it again.
                throw new InvalidOperationException($"The partition of {current} changed while a replaced number's rows were moved into it ({result.Outcome}).");
            }

            head = result.ETags[0];
        }
    }

    /// <summary>The index rows of the relations that moved: by representative (fullmakt, foster care), by last day (fullmakt expiry), and the guardians' rows of the former number as a ward.</summary>
    private async Task MoveIndexRowsAsync(
        NationalIdentityNumber former, List<(Domain.Fullmakt.Fullmakt Fullmakt, DateTimeOffset? NoticeSentAt)> given, List<CareRelation> asChild,
        RegisteredFacts? facts, CancellationToken cancellationToken)
    {
        foreach (var (fullmakt, noticeSentAt) in given)
        {
            await index.WriteAsync(FullmaktRows.Index(fullmakt), cancellationToken);
            await index.DeleteAsync(fullmakt.Representative.Value, RepresentedIndex.RowKey(FullmaktRows.IndexSource, former, fullmakt.Id), cancellationToken);
            if (fullmakt.ValidToDate is { } last)
            {
                await expiry.DeleteAsync(FullmaktRows.ExpiryPartition(last), FullmaktRows.ExpiryRowKey(former, fullmakt.Id), cancellationToken: cancellationToken);
                if (FullmaktRows.Expiry(fullmakt, noticeSentAt) is { } row)
                {
                    await expiry.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);
                }
            }
        }

        foreach (var relation in asChild)
        {
            foreach (var row in CareRelationRows.Index(relation))
            {
                await index.WriteAsync(row, cancellationToken);
                await index.DeleteAsync(row.PartitionKey, RepresentedIndex.RowKey(CareRelationRows.IndexSource, former, relation.Id), cancellationToken);
            }
        }

        // A ward's guardianships come from the register; the follower writes them under the current number.
        foreach (var guardian in facts?.Guardians ?? [])
        {
            await index.DeleteAsync(
                guardian.Value, RepresentedIndex.RowKey(GuardianshipRows.IndexSource, former, RegisterGuardianships.RelationId(former, guardian)), cancellationToken);
        }
    }

    /// <summary>
    /// The person's consent decisions and their history. A definition the person has already decided on under the current
    /// number keeps that decision, and the former one stays where it was (two histories cannot be merged into one sequence).
    /// </summary>
    private async Task<int> MoveConsentAsync(NationalIdentityNumber former, NationalIdentityNumber current, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in consent.QueryPartitionAsync<TableEntity>(former.Value, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(ConsentRows.CurrentPrefix, StringComparison.Ordinal) || row.RowKey.StartsWith(ConsentRows.HistoryPrefix, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in consent.QueryPartitionAsync<TableEntity>(current.Value, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            present.Add(row.RowKey);
        }

        var moved = 0;
        foreach (var decisionRow in rows.Where(r => r.RowKey.StartsWith(ConsentRows.CurrentPrefix, StringComparison.Ordinal)))
        {
            var definitionId = decisionRow.RowKey[ConsentRows.CurrentPrefix.Length..];
            if (present.Contains(decisionRow.RowKey))
            {
                logger.LogWarning("Consent decisions on {Definition} stay under the replaced number {Former}: {Current} has decided on it already.", definitionId, former, current);
                continue;
            }

            var decision = ConsentRows.Read(decisionRow, definitionId)
                ?? throw new InvalidOperationException($"A malformed consent row ({decisionRow.RowKey}) of {former}.");
            var history = rows.Where(r => r.RowKey.StartsWith(ConsentRows.HistoryPrefixOf(definitionId), StringComparison.Ordinal)).ToList();

            // History first and the current decision last: a run that stops between them is completed by the next one.
            foreach (var chunk in history.Where(r => !present.Contains(r.RowKey)).Append(decisionRow).Chunk(Chunk + 1))
            {
                var result = await consent.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Rekeyed(r, current))).ToList(), cancellationToken);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"The consent partition of {current} changed while a replaced number's decisions were moved into it ({result.Outcome}).");
                }
            }

            await consents.RefreshIndexAsync(current, decision, cancellationToken);
            await consentByDefinition.DeleteAsync(definitionId, former.Value, cancellationToken: cancellationToken);
            foreach (var row in history.Append(decisionRow))
            {
                await consent.DeleteAsync(former.Value, row.RowKey, cancellationToken: cancellationToken);
            }

            moved++;
        }

        return moved;
    }

    /// <summary>A copy of the row under another partition key, every property as it was.</summary>
    private static TableEntity Rekeyed(TableEntity row, NationalIdentityNumber partition)
    {
        var copy = new TableEntity(partition.Value, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    /// <summary>What the replica says about the former number: the people its copies were written for.</summary>
    private sealed record RegisteredFacts(IReadOnlyList<NationalIdentityNumber> Related, IReadOnlyList<NationalIdentityNumber> Guardians);
}
