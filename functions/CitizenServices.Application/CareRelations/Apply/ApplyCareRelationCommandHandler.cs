namespace CitizenServices.Application.CareRelations.Apply;

/// <summary>
/// Applies a register, change or end command to a child's care relations, from the caseworker API or the case system's
/// queue: decides with <see cref="CareRelationRules"/> on fresh data and commits the new version with its event in one
/// transaction in the child's partition. Idempotent by decision reference + version. Throws only on infrastructure
/// faults.
/// </summary>
public sealed class ApplyCareRelationCommandHandler(ICareRelationStore store, IPopulationRegister register, TimeProvider time)
{
    /// <summary>Attempts when another change to the same child commits between our read and our write.</summary>
    public const int MaxAttempts = 4;

    public async Task<CareRelationDecision> HandleAsync(CareRelationCommand command, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parties = new Dictionary<NationalIdentityNumber, RepresentationParty>();
        foreach (var person in command.FosterParents.Append(command.Child).Distinct())
        {
            parties[person] = await RepresentationParties.FindAsync(register, person, cancellationToken);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var loaded = await store.LoadAsync(command.Child, cancellationToken);
            var decision = CareRelationRules.Decide(loaded.Relations, command, parties, Guid.NewGuid(), time.GetUtcNow());
            if (decision.Outcome != CareRelationOutcome.Applied)
            {
                return decision;
            }

            var parents = (await register.FindAsync(command.Child, cancellationToken))?.ParentsWithParentalResponsibility ?? [];
            var (type, data) = CareRelationRules.EventOf(decision.Relation!, parents);
            var events = new[] { DomainEvent.Create(type, command.Child, data, time, correlationId) };
            if (await store.CommitAsync(new CareRelationCommit(loaded, decision.Relation, null, events), cancellationToken))
            {
                return decision;
            }
        }

        throw new InvalidOperationException(
            $"A care relation command for {command.Child} lost {MaxAttempts} races for the child's partition; try again.");
    }
}
