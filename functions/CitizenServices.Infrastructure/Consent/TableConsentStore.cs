namespace CitizenServices.Infrastructure.Consent;

/// <summary>
/// <see cref="IConsentStore"/> on Table Storage (layout in <see cref="ConsentRows"/>). A decision is one entity group
/// transaction in the person's partition (current row conditional on its ETag, history row, outbox rows), so two
/// decisions on the same definition at once are decided one after the other. The index by definition is written after
/// that transaction and only ever moves forward (a row holding a higher sequence is never overwritten), so a late
/// writer cannot put an older decision back.
/// </summary>
public sealed class TableConsentStore(BoundedTable truth, BoundedTable index, TableEventOutbox outbox, ILogger<TableConsentStore> logger) : IConsentStore
{
    private const int IndexAttempts = 4;

    public async Task<LoadedDecision> LoadAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken)
    {
        var row = await truth.GetAsync<TableEntity>(person.Value, ConsentRows.CurrentRowKey(definitionId), cancellationToken: cancellationToken);
        return new LoadedDecision(person, definitionId, row is null ? null : ReadOrThrow(row, definitionId), row?.ETag);
    }

    public async Task<IReadOnlyList<ConsentDecision>> LoadAllAsync(NationalIdentityNumber person, CancellationToken cancellationToken)
    {
        var decisions = new List<ConsentDecision>();
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(person.Value, ConsentRows.CurrentPrefix, cancellationToken: cancellationToken))
        {
            decisions.Add(ReadOrThrow(row, row.RowKey[ConsentRows.CurrentPrefix.Length..]));
        }

        return decisions;
    }

    public async Task<IReadOnlyList<ConsentDecision>> HistoryAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken)
    {
        var history = new List<ConsentDecision>();
        await foreach (var row in truth.QueryPartitionAsync<TableEntity>(person.Value, ConsentRows.HistoryPrefixOf(definitionId), cancellationToken: cancellationToken))
        {
            history.Add(ReadOrThrow(row, definitionId));
        }

        return history.OrderByDescending(d => d.Sequence).ToList();
    }

    public async Task<bool> CommitAsync(LoadedDecision loaded, ConsentDecision decision, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(events);
        if (decision.DefinitionId != loaded.DefinitionId || decision.Sequence != (loaded.Current?.Sequence ?? 0) + 1)
        {
            throw new ArgumentException("A decision follows the one loaded, on the same definition.", nameof(decision));
        }

        var person = loaded.Person;
        var current = ConsentRows.Current(person, decision);
        List<TableTransactionAction> actions =
        [
            loaded.ConcurrencyToken is ETag etag
                ? new(TableTransactionActionType.UpdateReplace, current, etag)
                : new(TableTransactionActionType.Add, current),
            new(TableTransactionActionType.Add, ConsentRows.History(person, decision)),
        ];
        if (events.Count > 0)
        {
            actions.AddRange(await outbox.StageAsync(new EventPartition(truth.Name, person.Value), events, cancellationToken));
        }

        if (!(await truth.SubmitTransactionAsync(actions, cancellationToken)).Succeeded)
        {
            // 412 on the current row or 409 on an Add: someone else decided first.
            return false;
        }

        // The decision stands (the truth is written); the index catches up on the next PUT, identical or not.
        await AfterCommit.RunAsync(
            () => RefreshIndexAsync(person, decision, cancellationToken),
            exception => logger.LogError(exception, "The consent index for {Person} on {Definition} was not updated; repeat the decision to repair it.",
                person, decision.DefinitionId));

        return true;
    }

    public async Task RefreshIndexAsync(NationalIdentityNumber person, ConsentDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var row = ConsentRows.Index(person, decision);
        for (var attempt = 0; attempt < IndexAttempts; attempt++)
        {
            var existing = await index.GetAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (existing is not null && ConsentRows.SequenceOf(existing) >= decision.Sequence)
            {
                return;
            }

            var written = existing is null ? await index.AddAsync(row, cancellationToken) : await index.UpdateAsync(row, existing.ETag, cancellationToken: cancellationToken);
            if (written.Succeeded)
            {
                return;
            }
        }

        logger.LogWarning("The consent index for {Person} on {Definition} kept changing under the update; it holds a newer or concurrent decision.",
            person, decision.DefinitionId);
    }

    public async Task<ActivePersonsPage> ListActiveAsync(
        string definitionId, int major, DateTimeOffset now, NationalIdentityNumber? after, int pageSize, CancellationToken cancellationToken)
    {
        var persons = new List<ActivePerson>(pageSize);
        var more = false;
        var filter = ConsentRows.ActiveFilter(definitionId, major, now, after?.Value);

        // One more than the page tells whether another page follows, so the last page never hands out a token to nothing. The
        // service sends at most 1,000 rows per response: for the largest page the extra row comes with the next response.
        await foreach (var row in index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(pageSize + 1, 1000), cancellationToken: cancellationToken))
        {
            if (persons.Count == pageSize)
            {
                more = true;
                break;
            }

            if (NationalIdentityNumber.TryParse(row.RowKey, out var person) && ConsentRows.Read(row, definitionId) is { } decision)
            {
                persons.Add(new ActivePerson(person, decision.Choice, decision.Version, decision.DecidedAt, decision.ValidTo));
            }
            else
            {
                logger.LogWarning("Skipped a malformed consent index row in {Definition}.", definitionId);
            }
        }

        return new ActivePersonsPage(persons, more);
    }

    private ConsentDecision ReadOrThrow(TableEntity row, string definitionId) =>
        ConsentRows.Read(row, definitionId)
        ?? throw new InvalidOperationException($"A malformed consent row ({row.RowKey}) in table {truth.Name}.");
}
