namespace CitizenServices.Application.Consent;

/// <summary>
/// Where decisions are kept. The person's own partition holds the current decision per definition and the history, and is
/// the source of truth; an index by definition answers the sector's "who has an active decision" and is a cache of it.
/// </summary>
public interface IConsentStore
{
    /// <summary>The person's current decision on one definition, with the token that makes a commit conditional on it.</summary>
    Task<LoadedDecision> LoadAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken);

    /// <summary>The person's current decisions on every definition they have decided on.</summary>
    Task<IReadOnlyList<ConsentDecision>> LoadAllAsync(NationalIdentityNumber person, CancellationToken cancellationToken);

    /// <summary>Every decision the person has had on the definition, newest first.</summary>
    Task<IReadOnlyList<ConsentDecision>> HistoryAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the new decision as current, appends it to the history and stages its events, in one transaction in the
    /// person's partition, only if the current decision is still the one loaded; then updates the index. False when someone
    /// else decided first: reload and decide again.
    /// </summary>
    Task<bool> CommitAsync(LoadedDecision loaded, ConsentDecision decision, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken);

    /// <summary>Makes the index row of the person and definition say what <paramref name="decision"/> says, unless it already holds a newer one.</summary>
    Task RefreshIndexAsync(NationalIdentityNumber person, ConsentDecision decision, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the people with a given or reserved decision on <paramref name="definitionId"/> made on major version
    /// <paramref name="major"/> and not expired at <paramref name="now"/>, in identity-number order, from the index (one
    /// partition range query; no scan). <paramref name="after"/> is the last person of the previous page.
    /// </summary>
    Task<ActivePersonsPage> ListActiveAsync(
        string definitionId, int major, DateTimeOffset now, NationalIdentityNumber? after, int pageSize, CancellationToken cancellationToken);
}

public sealed record LoadedDecision(NationalIdentityNumber Person, string DefinitionId, ConsentDecision? Current, object? ConcurrencyToken);

/// <summary>An entry of the active-persons index; <see cref="HasMore"/> says whether a next page exists.</summary>
public sealed record ActivePersonsPage(IReadOnlyList<ActivePerson> Persons, bool HasMore);

public sealed record ActivePerson(NationalIdentityNumber Person, ConsentChoice Choice, ConsentVersion Version, DateTimeOffset DecidedAt, DateOnly? ValidTo);
