namespace CitizenServices.Application.Consent.Decide;

/// <summary>
/// <c>PUT .../consents/{definitionId}</c>: the person, or a parent of a child under 16, decides. <paramref name="Basis"/> is
/// what the policy enforcement point allowed the request on; <paramref name="CorrelationId"/> goes into the event.
/// </summary>
public sealed record DecideConsentRequest(
    NationalIdentityNumber Subject,
    NationalIdentityNumber Actor,
    RepresentationBasis Basis,
    string DefinitionId,
    ConsentRequest Request,
    string? CorrelationId);

/// <summary>
/// Decides with <see cref="ConsentRules.Decide"/> on the person's current decision and commits a change, its history entry
/// and its <c>consent-decision.changed</c> event in one transaction, conditional on the decision read. A lost race reloads
/// and decides again (the winner's identical decision then counts as "nothing to change").
/// </summary>
public sealed class DecideConsentHandler(IConsentCatalog catalog, IConsentTexts texts, IConsentStore store, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<ConsentDecided>> HandleAsync(DecideConsentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (catalog.Find(request.DefinitionId) is not { } definition)
        {
            return Error.NotFound(Error.NotFoundCode, "definitionId", $"No consent definition '{request.DefinitionId}'.");
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var loaded = await store.LoadAsync(request.Subject, definition.Id, cancellationToken);
            var now = time.GetUtcNow();
            var result = ConsentRules.Decide(definition, loaded.Current, request.Request, request.Subject, request.Actor, request.Basis, now);
            if (result.Error is not null)
            {
                return result;
            }

            var decided = result.Value;
            if (!decided.Changed)
            {
                // Nothing to write; the index is made to agree again, so a retried PUT also repairs a lost index write.
                await store.RefreshIndexAsync(request.Subject, decided.Decision, cancellationToken);
                return decided;
            }

            // The document the decision refers to exists before the reference does.
            await texts.EnsureStoredAsync(definition.Find(decided.Decision.Version)!, cancellationToken);
            var changed = DomainEvent.Create(
                EventTypes.ConsentDecisionChanged, request.Subject, Changed(definition, request.Subject, decided.Decision), now, request.CorrelationId);
            if (await store.CommitAsync(loaded, decided.Decision, [changed], cancellationToken))
            {
                return decided;
            }
        }

        return Error.ConcurrentChange("The decision was changed by someone else at the same time; try again.");
    }

    private static ConsentDecisionChanged Changed(ConsentDefinition definition, NationalIdentityNumber person, ConsentDecision decision) => new(
        definition.Id, definition.Kind.Name(), person, decision.Choice.Name(), decision.Version.ToString(), decision.ValidTo,
        decision.DecidedAt, decision.Basis.Value, decision.Sequence);
}
