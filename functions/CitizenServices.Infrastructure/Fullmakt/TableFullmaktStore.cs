using System.Diagnostics;

namespace CitizenServices.Infrastructure.Fullmakt;

/// <summary>
/// <see cref="IFullmaktStore"/> on Table Storage (layout in <see cref="FullmaktRows"/>). A change is one entity group
/// transaction in the principal's partition, conditional on the head row's ETag, so concurrent changes for the same
/// person (a double-clicked grant, a grant racing an end) are decided one after the other on fresh data. Also the
/// <see cref="IFullmaktExpiryNoticeStore"/>: the "expiring soon" notice is one more such change.
/// </summary>
public sealed class TableFullmaktStore(
    BoundedTable truth, RepresentedIndex index, BoundedTable expiry, TableEventOutbox outbox, ILogger<TableFullmaktStore> logger)
    : IFullmaktStore, IFullmaktExpiryNoticeStore
{
    public async Task<PrincipalFullmakter> LoadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken) =>
        (await ReadPartitionAsync(principal, cancellationToken)).Loaded;

    public async Task<bool> CommitAsync(FullmaktCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var principal = commit.Loaded.Principal;
        if (commit.Changed.Giver != principal)
        {
            throw new ArgumentException("A fullmakt is stored in its giver's partition.", nameof(commit));
        }

        var actions = new List<TableTransactionAction>();
        var head = FullmaktRows.Head(principal, commit.Changed.Ending?.At ?? commit.Changed.GrantedAt);
        actions.Add(PartitionHead.Write(head, commit.Loaded.ConcurrencyToken));
        var isNew = commit.Loaded.Find(commit.Changed.Id) is null;

        // Merge, not replace, for an existing row: an ending only adds properties, and a replace would drop the
        // ExpiryNoticeSentAt marker, the record that the expiry notice went out.
        actions.Add(new TableTransactionAction(
            isNew ? TableTransactionActionType.Add : TableTransactionActionType.UpsertMerge, FullmaktRows.Truth(commit.Changed)));
        if (commit.Idempotency is { } record)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, FullmaktRows.Idempotency(principal, record)));
        }

        if (commit.Events.Count > 0)
        {
            // The events commit in the same transaction as the change, in the principal's partition: both or neither.
            actions.AddRange(await outbox.StageAsync(
                new EventPartition(truth.Name, principal.Value), commit.Events.Select(ToDomainEvent).ToList(), cancellationToken));
        }

        var result = await truth.SubmitTransactionAsync(actions, cancellationToken);
        if (!result.Succeeded)
        {
            // 409 on an Add (someone created the head or the same key first) or 412 on the head: another change won.
            return false;
        }

        await RefreshIndexAsync(commit.Changed, cancellationToken);
        await RefreshExpiryAsync(commit.Changed, cancellationToken);
        if (isNew)
        {
            await CopyRepresentativeAsync(commit.Changed, cancellationToken);
        }

        return true;
    }

    public async Task<IReadOnlyList<Domain.Fullmakt.Fullmakt>> ListReceivedAsync(NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        var received = new List<Domain.Fullmakt.Fullmakt>();
        await foreach (var row in index.QueryAsync(FullmaktRows.IndexSource, representative, cancellationToken))
        {
            if (FullmaktRows.Read(row) is { } fullmakt && fullmakt.Representative == representative)
            {
                received.Add(fullmakt);
            }
            else
            {
                index.Skip(row, representative);
            }
        }

        return received;
    }

    public async Task<(int Rewritten, int Removed)> RepairIndexAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var fullmakter = (await LoadAsync(principal, cancellationToken)).Fullmakter;
        var repair = await index.RepairAsync(FullmaktRows.IndexSource, principal, fullmakter.Select(FullmaktRows.Index).ToList(), cancellationToken);
        await RepairExpiryIndexAsync(principal, cancellationToken);

        // The result reports the representative index only; the expiry index repair logs what it did.
        return (repair.Rewritten, repair.Removed);
    }

    public async Task<IReadOnlyList<ExpiryNoticeEntry>> ListAsync(DateOnly lastValidDay, int max, CancellationToken cancellationToken)
    {
        var entries = new List<ExpiryNoticeEntry>();
        var malformed = new List<string>();
        if (max <= 0)
        {
            return entries;
        }

        await foreach (var row in expiry.QueryPartitionAsync<TableEntity>(
            FullmaktRows.ExpiryPartition(lastValidDay), select: [Properties.PartitionKey, Properties.RowKey], cancellationToken: cancellationToken))
        {
            if (FullmaktRows.ReadExpiry(row) is { } entry)
            {
                entries.Add(entry);
                if (entries.Count == max)
                {
                    break;
                }
            }
            else
            {
                malformed.Add(row.RowKey);
            }
        }

        foreach (var rowKey in malformed)
        {
            // Nothing can be decided for a row that names no fullmakt; the repair recreates every row the truth backs.
            logger.LogWarning("Removed a malformed fullmakt expiry index row (...{RowKeyEnd}) of {Day}.",
                rowKey.Length > 8 ? rowKey[^8..] : string.Empty, lastValidDay);
            await expiry.DeleteAsync(FullmaktRows.ExpiryPartition(lastValidDay), rowKey, cancellationToken: cancellationToken);
        }

        return entries;
    }

    async Task<ExpiryNoticeState> IFullmaktExpiryNoticeStore.LoadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken) =>
        await ReadPartitionAsync(principal, cancellationToken);

    public async Task<bool> CommitNoticeAsync(ExpiryNoticeState loaded, FullmaktEvent notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(notice);
        var principal = loaded.Loaded.Principal;
        if (notice.Type != Domain.Events.EventTypes.FullmaktExpiring || notice.Data is not Domain.Events.FullmaktExpiring data
            || data.Giver != principal || loaded.Loaded.Find(data.FullmaktId) is null)
        {
            throw new ArgumentException("An expiry notice is about a fullmakt in the loaded partition.", nameof(notice));
        }

        // A partition with a fullmakt has a head (its grant inserted it), so the condition is always there.
        var head = loaded.Loaded.ConcurrencyToken as ETag?
            ?? throw new InvalidOperationException("The partition was read without its head row.");
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, FullmaktRows.Head(principal, notice.OccurredAt), head),

            // Unconditional on the row itself: the head's ETag already guarantees it is as it was read.
            new(TableTransactionActionType.UpdateMerge, FullmaktRows.ExpiryNoticeMarker(principal, data.FullmaktId, notice.OccurredAt), ETag.All),
        ];
        actions.AddRange(await outbox.StageAsync(new EventPartition(truth.Name, principal.Value), [ToDomainEvent(notice)], cancellationToken));
        return (await truth.SubmitTransactionAsync(actions, cancellationToken)).Succeeded;
    }

    public async Task ForgetAsync(ExpiryNoticeEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await expiry.DeleteAsync(
            FullmaktRows.ExpiryPartition(entry.LastValidDay), FullmaktRows.ExpiryRowKey(entry.Principal, entry.FullmaktId), cancellationToken: cancellationToken);
    }

    private async Task<ExpiryNoticeState> ReadPartitionAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var fullmakter = new List<Domain.Fullmakt.Fullmakt>();
        var idempotency = new Dictionary<string, IdempotencyRecord>(StringComparer.Ordinal);
        var noticesSent = new Dictionary<Guid, DateTimeOffset>();
        ETag? head = null;
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(principal.Value, cancellationToken: cancellationToken))
        {
            if (row.RowKey == FullmaktRows.HeadRowKey)
            {
                head = row.ETag;
            }
            else if (row.RowKey.StartsWith(FullmaktRows.FullmaktPrefix, StringComparison.Ordinal))
            {
                // The truth must be readable: a malformed row here is a fault to surface, not a fullmakt to ignore.
                var fullmakt = FullmaktRows.Read(row)
                    ?? throw new InvalidOperationException($"Fullmakt row {row.RowKey} of {principal} is malformed.");
                fullmakter.Add(fullmakt);
                if (row.GetDateTimeOffset(FullmaktRows.Properties.ExpiryNoticeSentAt) is { } sentAt)
                {
                    noticesSent[fullmakt.Id] = sentAt;
                }
            }
            else if (row.RowKey.StartsWith(FullmaktRows.IdempotencyPrefix, StringComparison.Ordinal)
                     && FullmaktRows.ReadIdempotency(row) is { } record)
            {
                idempotency[record.KeyId] = record;
            }
        }

        return new ExpiryNoticeState(new PrincipalFullmakter(principal, fullmakter, idempotency, head), noticesSent);
    }

    /// <summary>
    /// The expiry index rows the principal's partition backs are present, and no other row names the principal. Logs
    /// what it changed; idempotent.
    /// </summary>
    private async Task RepairExpiryIndexAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var state = await ReadPartitionAsync(principal, cancellationToken);
        var expected = state.Loaded.Fullmakter
            .Select(f => FullmaktRows.Expiry(f, state.NoticeSentAt(f.Id)))
            .OfType<TableEntity>()
            .ToList();
        var written = 0;
        foreach (var row in expected)
        {
            if (await expiry.GetAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken) is null)
            {
                await expiry.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);
                written++;
            }
        }

        // Same RowKey-range scan across the day partitions as for the representative index: a repair, never a request.
        var (from, to) = FullmaktRows.ExpiryRangeOf(principal);
        var removed = await expiry.DeleteRowKeyRangeExceptAsync(from, to, expected.Select(r => (r.PartitionKey, r.RowKey)).ToHashSet(), cancellationToken);
        if (written + removed > 0)
        {
            logger.LogInformation("Repaired the fullmakt expiry index of {Principal}: {Written} rows written, {Removed} removed.", principal, written, removed);
        }
    }

    /// <summary>After a grant or an ending: add the fullmakt to the expiry index, or take it out.</summary>
    private async Task RefreshExpiryAsync(Domain.Fullmakt.Fullmakt fullmakt, CancellationToken cancellationToken)
    {
        if (fullmakt.ValidToDate is not { } last)
        {
            return;
        }

        // As for the representative index: the change is committed. A missing row means a notice that is not sent
        // until the repair runs; a left-over row is harmless, the timer decides on the truth and drops it.
        await AfterCommit.RunAsync(
            async () =>
            {
                if (FullmaktRows.Expiry(fullmakt, noticeSentAt: null) is { } row)
                {
                    await expiry.UpsertAsync(row, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await expiry.DeleteAsync(FullmaktRows.ExpiryPartition(last), FullmaktRows.ExpiryRowKey(fullmakt.Giver, fullmakt.Id), cancellationToken: cancellationToken);
                }
            },
            exception => logger.LogError(exception, "Fullmakt {FullmaktId} of {Principal} is committed but its expiry index row was not updated; run the index repair.",
                fullmakt.Id, fullmakt.Giver));
    }

    /// <summary>The holder's register facts next to the fullmakt, so the giver's decisions read them in the same query.</summary>
    private async Task CopyRepresentativeAsync(Domain.Fullmakt.Fullmakt fullmakt, CancellationToken cancellationToken)
    {
        try
        {
            await People.ReplicaRows.CopyAsync(truth, fullmakt.Representative, fullmakt.Giver, cancellationToken);

            // And the giver's facts with the holder, for the holder's "who can I act for" (one query of their partition).
            await People.ReplicaRows.CopyAsync(truth, fullmakt.Giver, fullmakt.Representative, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            // Without the copy the enforcement point reads the holder's own facts: one more read, the same decision.
            logger.LogWarning(exception, "Fullmakt {FullmaktId}: the holder's register facts were not copied to {Principal}.", fullmakt.Id, fullmakt.Giver);
        }
    }

    private async Task RefreshIndexAsync(Domain.Fullmakt.Fullmakt fullmakt, CancellationToken cancellationToken)
    {
        // The change is committed in the truth, which is all authorization reads; only the representative's listing
        // is behind until the repair runs.
        await AfterCommit.RunAsync(
            () => index.WriteAsync(FullmaktRows.Index(fullmakt), cancellationToken),
            exception => logger.LogError(exception, "Fullmakt {FullmaktId} of {Principal} is committed but its index row was not written; run the index repair.",
                fullmakt.Id, fullmakt.Giver));
    }

    /// <summary>
    /// The outbox seam: a use case's event as the outbox's event, staged into the change's own transaction in this
    /// partition (architecture §6), so the change and its events commit together or not at all.
    /// </summary>
    private static DomainEvent ToDomainEvent(FullmaktEvent e) =>
        DomainEvent.Create(e.Type, e.Subject, e.Data, e.OccurredAt, Activity.Current?.TraceId.ToHexString());

    private static class Properties
    {
        public const string PartitionKey = "PartitionKey";
        public const string RowKey = "RowKey";
    }
}
