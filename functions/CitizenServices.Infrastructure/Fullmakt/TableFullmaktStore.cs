using Azure;
using System.Diagnostics;
using Azure.Data.Tables;
using CitizenServices.Application.Events;
using CitizenServices.Application.Fullmakt;
using CitizenServices.Domain.Fullmakt;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Infrastructure.Fullmakt;

/// <summary>
/// <see cref="IFullmaktStore"/> on Table Storage (layout in <see cref="FullmaktRows"/>). A change is one entity group
/// transaction in the principal's partition, conditional on the head row's ETag, so concurrent changes for the same
/// person (a double-clicked grant, a grant racing an end) are decided one after the other on fresh data.
/// </summary>
public sealed class TableFullmaktStore(BoundedTable truth, BoundedTable index, TableEventOutbox outbox, ILogger<TableFullmaktStore> logger) : IFullmaktStore
{
    public async Task<PrincipalFullmakter> LoadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var fullmakter = new List<Domain.Fullmakt.Fullmakt>();
        var idempotency = new Dictionary<string, IdempotencyRecord>(StringComparer.Ordinal);
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
                fullmakter.Add(FullmaktRows.Read(row)
                    ?? throw new InvalidOperationException($"Fullmakt row {row.RowKey} of {principal} is malformed."));
            }
            else if (row.RowKey.StartsWith(FullmaktRows.IdempotencyPrefix, StringComparison.Ordinal)
                     && FullmaktRows.ReadIdempotency(row) is { } record)
            {
                idempotency[record.KeyId] = record;
            }
        }

        return new PrincipalFullmakter(principal, fullmakter, idempotency, head);
    }

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
        actions.Add(commit.Loaded.ConcurrencyToken is ETag etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, head));
        var isNew = commit.Loaded.Find(commit.Changed.Id) is null;
        actions.Add(new TableTransactionAction(
            isNew ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, FullmaktRows.Truth(commit.Changed)));
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
        return true;
    }

    public async Task<IReadOnlyList<Domain.Fullmakt.Fullmakt>> ListReceivedAsync(NationalIdentityNumber representative, CancellationToken cancellationToken)
    {
        var received = new List<Domain.Fullmakt.Fullmakt>();
        await foreach (var row in index.QueryPartitionAsync<TableEntity>(representative.Value, cancellationToken: cancellationToken))
        {
            if (FullmaktRows.Read(row) is { } fullmakt && fullmakt.Representative == representative)
            {
                received.Add(fullmakt);
            }
            else
            {
                // The RowKey starts with the giver's full number, so it is not logged; the row's id part is enough to find it.
                logger.LogWarning("Skipped a malformed fullmakt index row (...{RowKeyEnd}) of {Representative}; run the index repair for its giver.",
                    row.RowKey.Length > 8 ? row.RowKey[^8..] : string.Empty, representative);
            }
        }

        return received;
    }

    public async Task<FullmaktIndexRepair> RepairIndexAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var fullmakter = (await LoadAsync(principal, cancellationToken)).Fullmakter;
        var rewritten = 0;
        foreach (var fullmakt in fullmakter)
        {
            var expected = FullmaktRows.Index(fullmakt);
            var current = await index.GetAsync<TableEntity>(expected.PartitionKey, expected.RowKey, cancellationToken: cancellationToken);
            if (current is null || FullmaktRows.Signature(current) != FullmaktRows.Signature(expected))
            {
                await index.UpsertAsync(expected, TableUpdateMode.Replace, cancellationToken);
                rewritten++;
            }
        }

        // Rows naming this giver that the truth does not back (a fullmakt to someone else, or none at all) are found by
        // their RowKey range across representatives' partitions: a scan, acceptable for a repair and never on a request.
        var (from, to) = FullmaktRows.IndexRangeOf(principal);
        var backed = fullmakter.Select(f => (f.Representative.Value, FullmaktRows.IndexRowKey(f.Giver, f.Id))).ToHashSet();
        var removed = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}");
        var stale = new List<(string PartitionKey, string RowKey)>();
        await foreach (var row in index.QueryAsync<TableEntity>(filter, [Properties.PartitionKey, Properties.RowKey], cancellationToken))
        {
            if (!backed.Contains((row.PartitionKey, row.RowKey)))
            {
                stale.Add((row.PartitionKey, row.RowKey));
            }
        }

        foreach (var (partitionKey, rowKey) in stale)
        {
            await index.DeleteAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
            removed++;
        }

        if (rewritten + removed > 0)
        {
            logger.LogInformation("Repaired the fullmakt index of {Principal}: {Rewritten} rows rewritten, {Removed} removed.", principal, rewritten, removed);
        }

        return new FullmaktIndexRepair(principal, rewritten, removed);
    }

    private async Task RefreshIndexAsync(Domain.Fullmakt.Fullmakt fullmakt, CancellationToken cancellationToken)
    {
        try
        {
            await index.UpsertAsync(FullmaktRows.Index(fullmakt), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            // The change is committed in the truth, which is all authorization reads; only the representative's listing
            // is behind until the repair runs. Failing the request now would invite a retry of a change already made.
            logger.LogError(exception, "Fullmakt {FullmaktId} of {Principal} is committed but its index row was not written; run the index repair.",
                fullmakt.Id, fullmakt.Giver);
        }
    }

    /// <summary>
    /// THE OUTBOX SEAM, to wire when the outbox lands: turn each event into an outbox row in this same partition, so the
    /// rows commit in the change's transaction (architecture §6). Until then no event leaves this service and nothing
    /// here pretends otherwise: the use cases compute the events and they stop here.
    /// </summary>
    private static DomainEvent ToDomainEvent(FullmaktEvent e) =>
        DomainEvent.Create(e.Type, e.Subject, e.Data, e.OccurredAt, Activity.Current?.TraceId.ToHexString());

    private static class Properties
    {
        public const string PartitionKey = "PartitionKey";
        public const string RowKey = "RowKey";
    }
}
