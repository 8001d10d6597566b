namespace CitizenServices.Application.Consent.Read;

/// <summary>A person's decision on one definition with its status derived now; <see cref="Decision"/> is null when none was made.</summary>
public sealed record ConsentState(ConsentDefinition Definition, ConsentDecision? Decision, ConsentStatus? Status);

/// <summary>
/// The read side for the person (and a parent of a child under 16) and for sector systems: the person's partition is read,
/// and every status is derived at the moment of reading, so expiry and staleness need no job.
/// </summary>
public sealed class ConsentReader(IConsentCatalog catalog, IConsentStore store, TimeProvider time)
{
    /// <summary>Every definition in the catalog with the person's decision on it, if any.</summary>
    public async Task<IReadOnlyList<ConsentState>> ListAsync(NationalIdentityNumber person, CancellationToken cancellationToken)
    {
        var decisions = (await store.LoadAllAsync(person, cancellationToken)).ToDictionary(d => d.DefinitionId, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return catalog.Definitions.Select(d => State(d, decisions.GetValueOrDefault(d.Id), now)).ToList();
    }

    /// <summary>The person's current decision on the definition; null when there is no such definition.</summary>
    public async Task<ConsentState?> FindAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken)
    {
        if (catalog.Find(definitionId) is not { } definition)
        {
            return null;
        }

        var loaded = await store.LoadAsync(person, definition.Id, cancellationToken);
        return State(definition, loaded.Current, time.GetUtcNow());
    }

    /// <summary>Every decision on the definition, newest first; null when there is no such definition.</summary>
    public async Task<IReadOnlyList<ConsentDecision>?> HistoryAsync(NationalIdentityNumber person, string definitionId, CancellationToken cancellationToken) =>
        catalog.Find(definitionId) is null ? null : await store.HistoryAsync(person, definitionId, cancellationToken);

    public static ConsentState State(ConsentDefinition definition, ConsentDecision? decision, DateTimeOffset now) =>
        new(definition, decision, decision is null ? null : ConsentRules.StatusOf(decision, definition, now));
}
