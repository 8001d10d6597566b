using Azure;
using Azure.Data.Tables;
using CitizenServices.Application.AccessLog;
using CitizenServices.Domain.AccessLog;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Infrastructure.AccessLog;

/// <summary>
/// <see cref="IAccessLog"/> on Table Storage: one partition per principal with a head row and entry rows (README.md
/// in this folder). Every append is one entity group transaction that moves the head with an ETag condition and
/// inserts the entry, so two appends racing for the same position cannot both succeed.
/// </summary>
public sealed class TableAccessLog : IAccessLog
{
    public const int DefaultMaxAppendAttempts = 10;

    private readonly BoundedTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger<TableAccessLog> _logger;
    private readonly int _maxAppendAttempts;

    public TableAccessLog(
        BoundedTable table, TimeProvider time, ILogger<TableAccessLog> logger, int maxAppendAttempts = DefaultMaxAppendAttempts)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAppendAttempts, 1);
        _table = table;
        _time = time;
        _logger = logger;
        _maxAppendAttempts = maxAppendAttempts;
    }

    public async Task<AccessLogEntry> AppendAsync(
        NationalIdentityNumber principal, AccessLogDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var partition = AccessLogRows.PartitionKey(principal);

        for (var attempt = 1; attempt <= _maxAppendAttempts; attempt++)
        {
            var headRow = await _table.GetAsync<TableEntity>(partition, AccessLogRows.HeadRowKey, cancellationToken: cancellationToken);
            AccessLogHead? head = null;
            if (headRow is not null)
            {
                head = AccessLogRows.TryReadHead(headRow) ?? throw Damaged(principal, "its head cannot be read");
            }

            var entry = AccessLogChain.Next(principal, head, draft, _time.GetUtcNow());
            var newHead = AccessLogRows.ToHeadRow(principal, AccessLogChain.HeadAfter(entry));
            // Either condition alone stops two appends from taking the same sequence (the second insert of the entry
            // key fails with 409); the ETag also stops a stale writer from moving the head backwards after the entry it
            // would have collided with has been deleted.
            var actions = new List<TableTransactionAction>
            {
                headRow is null
                    ? new(TableTransactionActionType.Add, newHead)
                    : new(TableTransactionActionType.UpdateReplace, newHead, headRow.ETag),
                new(TableTransactionActionType.Add, AccessLogRows.ToRow(entry)),
            };

            var result = await _table.SubmitTransactionAsync(actions, cancellationToken);
            if (result.Succeeded)
            {
                return entry;
            }

            if (headRow is null && result.Outcome == TableWriteOutcome.NotFound)
            {
                throw new InvalidOperationException(
                    $"The access log table '{_table.Name}' does not exist; storage resources are created by infra/ or the storage bootstrapper.");
            }

            if (headRow is null && result is { Outcome: TableWriteOutcome.AlreadyExists, FailedActionIndex: 1 })
            {
                // The head insert would have succeeded, so no concurrent append created it: entries exist without a
                // head. Rebuilding the head from the newest remaining entry would hide removed entries.
                throw Damaged(principal, "entries exist but its head is missing");
            }

            // 412: another append moved the head since we read it. 409: another append created the head first.
            // 404: the head was deleted after we read it. In each case nothing was written; read again and retry.
            _logger.LogDebug(
                "Access log append for {Principal} lost attempt {Attempt} of {MaxAttempts} ({Outcome}); retrying.",
                principal.Masked, attempt, _maxAppendAttempts, result.Outcome);
            if (attempt < _maxAppendAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }

        _logger.LogWarning(
            "Access log append for {Principal} gave up after {MaxAttempts} attempts lost to concurrent appends.",
            principal.Masked, _maxAppendAttempts);
        throw new AccessLogContentionException(principal, _maxAppendAttempts);
    }

    public async Task<AccessLogReadResult> ReadAsync(
        NationalIdentityNumber principal, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (AccessLogPaging.Validate(pageSize) is { } pageSizeError)
        {
            return AccessLogReadResult.Failure(pageSizeError);
        }

        string? after = null;
        long? startSequence = null;
        if (continuationToken is not null)
        {
            if (!AccessLogRows.TryDecodeToken(continuationToken, out var afterKey, out var afterSequence))
            {
                return AccessLogReadResult.Failure(AccessLogReadError.InvalidContinuationToken());
            }

            after = afterKey;
            startSequence = afterSequence - 1;
        }
        else if (await _table.GetAsync<TableEntity>(
                     AccessLogRows.PartitionKey(principal), AccessLogRows.HeadRowKey, cancellationToken: cancellationToken)
                 is { } headRow && AccessLogRows.TryReadHead(headRow) is { } head)
        {
            startSequence = head.Sequence;
        }

        // One extra row tells whether another page follows, without a token that leads to an empty page.
        var rows = await ReadRowsAsync(principal, after, startSequence, pageSize + 1, cancellationToken);
        var entries = new List<AccessLogEntry>(Math.Min(rows.Count, pageSize));
        foreach (var row in rows.Take(pageSize))
        {
            if (AccessLogRows.TryReadEntry(principal, row, out var problem) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                // The principal still gets the rest of their log; VerifyAsync reports the row.
                _logger.LogWarning("Access log row {RowKey} of {Principal} was skipped: {Problem}", row.RowKey, principal.Masked, problem);
            }
        }

        var token = rows.Count > pageSize ? AccessLogRows.EncodeToken(rows[pageSize - 1].RowKey) : null;
        return AccessLogReadResult.Success(new AccessLogPage(entries, token));
    }

    public async Task<AccessLogVerification> VerifyAsync(NationalIdentityNumber principal, CancellationToken cancellationToken)
    {
        var partition = AccessLogRows.PartitionKey(principal);
        var headRow = await _table.GetAsync<TableEntity>(partition, AccessLogRows.HeadRowKey, cancellationToken: cancellationToken);
        var rows = await _table.QueryAsync<TableEntity>(EntryRange(partition, null, null), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);

        var problems = new List<AccessLogProblem>();
        AccessLogHead? head = null;
        if (headRow is not null)
        {
            head = AccessLogRows.TryReadHead(headRow);
            if (head is null)
            {
                problems.Add(new AccessLogProblem(AccessLogProblemKind.UnreadableEntry, 0, 0, "The head cannot be read."));
            }
        }

        // Rows come newest first; the verifier wants them in storage order from the oldest.
        var entries = new List<AccessLogEntry>(rows.Count);
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            if (AccessLogRows.TryReadEntry(principal, rows[i], out var problem) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                var sequence = AccessLogRows.TryParseEntryRowKey(rows[i].RowKey, out var s) ? s : 0;
                problems.Add(new AccessLogProblem(AccessLogProblemKind.UnreadableEntry, sequence, sequence, problem!));
            }
        }

        var verification = AccessLogVerifier.Verify(entries, head);
        problems.AddRange(verification.Problems);
        if (problems.Count > 0)
        {
            _logger.LogWarning(
                "Access log of {Principal} failed verification: {ProblemCount} problem(s): {ProblemKinds}",
                principal.Masked, problems.Count, string.Join(", ", problems.Select(p => p.Kind).Distinct()));
        }

        return verification with { Problems = problems, EntriesChecked = rows.Count };
    }

    /// <summary>
    /// Up to <paramref name="count"/> entry rows after <paramref name="afterRowKey"/>, newest first. When the sequence
    /// to start at is known, the first query is limited to the key range those rows occupy in an unbroken chain, so a
    /// page costs about <paramref name="count"/> rows instead of a full service page of up to 1,000. Only if rows are
    /// missing from that range (a damaged log) does a second, open-ended query fill the page.
    /// </summary>
    private async Task<List<TableEntity>> ReadRowsAsync(
        NationalIdentityNumber principal, string? afterRowKey, long? startSequence, int count, CancellationToken cancellationToken)
    {
        var partition = AccessLogRows.PartitionKey(principal);
        if (startSequence is null)
        {
            return await _table.QueryAsync<TableEntity>(EntryRange(partition, afterRowKey, null), cancellationToken: cancellationToken)
                .Take(count).ToListAsync(cancellationToken);
        }

        if (startSequence < 1)
        {
            return [];
        }

        var lowestSequence = Math.Max(1, startSequence.Value - count + 1);
        var windowEnd = AccessLogRows.EntryRowKey(lowestSequence);
        var rows = await _table.QueryAsync<TableEntity>(
                EntryRange(partition, afterRowKey, windowEnd, firstRowKey: AccessLogRows.EntryRowKey(startSequence.Value)),
                cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        if (rows.Count < count && lowestSequence > 1)
        {
            rows.AddRange(await _table.QueryAsync<TableEntity>(EntryRange(partition, windowEnd, null), cancellationToken: cancellationToken)
                .Take(count - rows.Count).ToListAsync(cancellationToken));
        }

        return rows;
    }

    /// <summary>Entry rows with keys after <paramref name="afterRowKey"/> (or from <paramref name="firstRowKey"/>) up to <paramref name="lastRowKey"/>.</summary>
    private static string EntryRange(string partition, string? afterRowKey, string? lastRowKey, string? firstRowKey = null)
    {
        var filter = firstRowKey is not null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {firstRowKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {afterRowKey ?? AccessLogRows.EntryKeyPrefix}");
        return lastRowKey is not null
            ? filter + " and " + TableClient.CreateQueryFilter($"RowKey le {lastRowKey}")
            : filter + " and " + TableClient.CreateQueryFilter($"RowKey lt {AccessLogRows.EntryKeyRangeEnd}");
    }

    // Full jitter on a doubling cap: racing appenders spread out instead of colliding again in lockstep.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(200, 10 << Math.Min(attempt, 10)) + 1));

    private static AccessLogIntegrityException Damaged(NationalIdentityNumber principal, string reason) =>
        new($"The access log of {principal} is damaged ({reason}); appends are refused until an operator verifies and repairs it.");
}
