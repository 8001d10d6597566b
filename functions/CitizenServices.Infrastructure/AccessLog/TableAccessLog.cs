using CitizenServices.Domain.Errors;

namespace CitizenServices.Infrastructure.AccessLog;

/// <summary>
/// <see cref="IAccessLog"/> on Table Storage: one partition per principal with a head row and entry rows (README.md
/// in this folder). Every append is one entity group transaction that moves the head with an ETag condition and
/// inserts the entry, so two appends racing for the same position cannot both succeed.
/// </summary>
public sealed class TableAccessLog : IAccessLog
{
    public const int DefaultMaxAppendAttempts = 10;

    /// <summary>Entries written in one transaction at most (with the head row: 51 of the 100 actions allowed).</summary>
    public const int MaxEntriesPerTransaction = 50;

    private readonly BoundedTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger<TableAccessLog> _logger;
    private readonly int _maxAppendAttempts;
    private readonly Dictionary<string, PrincipalQueue> _queues = new(StringComparer.Ordinal);

    private readonly IAccessLogAnchorStore? _anchors;

    /// <param name="anchors">Where chain heads are anchored; <see cref="VerifyAsync"/> checks the table against them.</param>
    public TableAccessLog(
        BoundedTable table, TimeProvider time, ILogger<TableAccessLog> logger, int maxAppendAttempts = DefaultMaxAppendAttempts,
        IAccessLogAnchorStore? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAppendAttempts, 1);
        _table = table;
        _time = time;
        _logger = logger;
        _maxAppendAttempts = maxAppendAttempts;
        _anchors = anchors;
    }

    /// <summary>
    /// Appends through the principal's queue in this process: concurrent appends for one principal are written together,
    /// up to <see cref="MaxEntriesPerTransaction"/> entries in one transaction that moves the head once, instead of
    /// racing each other for the head (README.md, "Appending"). Returns once the entry is stored.
    /// </summary>
    public Task<AccessLogEntry> AppendAsync(
        NationalIdentityNumber principal, AccessLogDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        var partition = AccessLogRows.PartitionKey(principal);
        var pending = new PendingAppend(draft);
        PrincipalQueue? started = null;
        lock (_queues)
        {
            if (!_queues.TryGetValue(partition, out var queue))
            {
                started = queue = new PrincipalQueue();
                _queues.Add(partition, queue);
            }

            queue.Waiting.Add(pending);
        }

        if (started is not null)
        {
            // One writer per principal and process, outside the request that happened to start it, so no request waits
            // for appends that arrive after its own. It ends when the queue is empty.
            _ = Task.Run(() => DrainAsync(principal, partition, started), CancellationToken.None);
        }

        // Not cancelled with the request: once queued, the entry is written (a recorded access that was then abandoned is
        // better than an access that ran unrecorded), and the wait is bounded by the append attempts.
        return pending.Done.Task;
    }

    private async Task DrainAsync(NationalIdentityNumber principal, string partition, PrincipalQueue queue)
    {
        while (true)
        {
            List<PendingAppend> batch;
            lock (_queues)
            {
                if (queue.Waiting.Count == 0)
                {
                    _queues.Remove(partition);
                    return;
                }

                batch = queue.Waiting.Take(MaxEntriesPerTransaction).ToList();
                queue.Waiting.RemoveRange(0, batch.Count);
            }

            try
            {
                await CommitAsync(principal, queue, batch);
            }
            catch (TableLimitException) when (batch.Count > 1)
            {
                // One entry too large for the service must not take the others down with it: write them one by one.
                foreach (var pending in batch)
                {
                    try
                    {
                        await CommitAsync(principal, queue, [pending]);
                    }
                    catch (Exception exception)
                    {
                        pending.Done.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                // Every failure reaches the callers whose entries were not written; the writer itself never faults.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(exception);
                }
            }
        }
    }

    private async Task CommitAsync(NationalIdentityNumber principal, PrincipalQueue queue, List<PendingAppend> batch)
    {
        var partition = AccessLogRows.PartitionKey(principal);
        for (var attempt = 1; attempt <= _maxAppendAttempts; attempt++)
        {
            // The head this writer moved last is reused while its queue lives, so a busy principal costs one request per
            // transaction; if another instance moved it since, the ETag condition fails and the head is read again.
            AccessLogHead? head;
            ETag headETag;
            if (queue.KnownHead is { } known)
            {
                (head, headETag) = known;
            }
            else
            {
                (head, headETag) = await ReadHeadAsync(principal, partition);
            }

            var now = _time.GetUtcNow();
            var entries = new List<(PendingAppend Pending, AccessLogEntry Entry)>(batch.Count);
            var position = head;
            foreach (var pending in batch.ToList())
            {
                try
                {
                    var entry = AccessLogChain.Next(principal, position, pending.Draft, now);
                    entries.Add((pending, entry));
                    position = AccessLogChain.HeadAfter(entry);
                }
                catch (Exception exception) when (exception is ArgumentException or NotSupportedException or InvalidOperationException)
                {
                    // A draft that cannot be serialized fails alone; the others are still written.
                    batch.Remove(pending);
                    pending.Done.TrySetException(exception);
                }
            }

            if (entries.Count == 0)
            {
                return;
            }

            var newHead = AccessLogRows.ToHeadRow(principal, position!);
            // Either condition alone stops two appends from taking the same sequence (the second insert of the entry
            // key fails with 409); the ETag also stops a stale writer from moving the head backwards after the entry it
            // would have collided with has been deleted.
            var actions = new List<TableTransactionAction>(entries.Count + 1)
            {
                head is null
                    ? new(TableTransactionActionType.Add, newHead)
                    : new(TableTransactionActionType.UpdateReplace, newHead, headETag),
            };
            actions.AddRange(entries.Select(e => new TableTransactionAction(TableTransactionActionType.Add, AccessLogRows.ToRow(e.Entry))));

            var result = await _table.SubmitTransactionAsync(actions, CancellationToken.None);
            if (result.Succeeded)
            {
                queue.KnownHead = (position!, result.ETags[0]);
                foreach (var (pending, entry) in entries)
                {
                    pending.Done.TrySetResult(entry);
                }

                return;
            }

            queue.KnownHead = null;
            if (head is null && result.Outcome == TableWriteOutcome.NotFound)
            {
                throw new InvalidOperationException(
                    $"The access log table '{_table.Name}' does not exist; storage resources are created by infra/ or the storage bootstrapper.");
            }

            if (head is null && result is { Outcome: TableWriteOutcome.AlreadyExists, FailedActionIndex: >= 1 })
            {
                // The head insert would have succeeded, so no concurrent append created it: entries exist without a
                // head. Rebuilding the head from the newest remaining entry would hide removed entries.
                throw Damaged(principal, "entries exist but its head is missing");
            }

            // 412: another instance moved the head since we read it. 409: another instance created the head first.
            // 404: the head was deleted after we read it. In each case nothing was written; read again and retry.
            _logger.LogDebug(
                "Access log append of {Count} entries for {Principal} lost attempt {Attempt} of {MaxAttempts} ({Outcome}); retrying.",
                entries.Count, principal.Masked, attempt, _maxAppendAttempts, result.Outcome);
            if (attempt < _maxAppendAttempts)
            {
                await Task.Delay(Backoff(attempt), CancellationToken.None);
            }
        }

        _logger.LogWarning(
            "Access log append for {Principal} gave up after {MaxAttempts} attempts lost to concurrent appends.",
            principal.Masked, _maxAppendAttempts);
        throw new AccessLogContentionException(principal, _maxAppendAttempts);
    }

    private async Task<(AccessLogHead? Head, ETag ETag)> ReadHeadAsync(NationalIdentityNumber principal, string partition)
    {
        var headRow = await _table.GetAsync<TableEntity>(partition, AccessLogRows.HeadRowKey, cancellationToken: CancellationToken.None);
        if (headRow is null)
        {
            return (null, default);
        }

        return (AccessLogRows.TryReadHead(headRow) ?? throw Damaged(principal, "its head cannot be read"), headRow.ETag);
    }

    public async Task<Result<AccessLogPage>> ReadAsync(
        NationalIdentityNumber principal, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (AccessLogPaging.Validate(pageSize) is { } pageSizeError)
        {
            return pageSizeError;
        }

        string? after = null;
        long? startSequence = null;
        if (continuationToken is not null)
        {
            if (!AccessLogRows.TryDecodeToken(continuationToken, out var afterKey, out var afterSequence))
            {
                return AccessLogReadErrors.InvalidContinuationToken();
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
        return new AccessLogPage(entries, token);
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
        if (_anchors is not null)
        {
            // The head and every hash in the table can be recomputed by whoever can write it; the anchors cannot.
            problems.AddRange(AccessLogAnchors.Check(entries, await _anchors.ReadAsync(principal, cancellationToken)));
        }

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

    private sealed class PendingAppend(AccessLogDraft draft)
    {
        public AccessLogDraft Draft { get; } = draft;

        public TaskCompletionSource<AccessLogEntry> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Appends waiting for one principal's writer, and the head it last wrote (only the writer touches it).</summary>
    private sealed class PrincipalQueue
    {
        public List<PendingAppend> Waiting { get; } = [];

        public (AccessLogHead Head, ETag ETag)? KnownHead { get; set; }
    }
}
