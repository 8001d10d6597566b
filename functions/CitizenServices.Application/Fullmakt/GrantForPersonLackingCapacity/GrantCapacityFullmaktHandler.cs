namespace CitizenServices.Application.Fullmakt.GrantForPersonLackingCapacity;

/// <summary>
/// Registers a fullmakt for a person lacking capacity, decided by <see cref="FullmaktRules.GrantForPersonLackingCapacity"/>
/// and written in the principal's partition like any fullmakt. An administrator acts only for residents of the
/// municipality they work for.
/// </summary>
public sealed class GrantCapacityFullmaktHandler(IFullmaktStore store, IPopulationRegister register, TimeProvider time)
{
    public async Task<Result<FullmaktCreated>> HandleAsync(GrantCapacityFullmaktRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principalPerson = await register.FindAsync(request.Principal, cancellationToken);
        if (principalPerson is not null && principalPerson.MunicipalityNumber != request.AdministratorMunicipality)
        {
            return Error.Forbidden("forbidden", "principal",
                "principal: you may register a fullmakt only for residents of the municipality you work for.");
        }

        var hash = IdempotentCreate.RequestHash(
            "capacity", request.Principal.Value, request.Representative.Value, request.CertificateReference,
            request.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            request.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var key = request.IdempotencyKey is null ? null : new IdempotencyKey("administrator:" + request.Administrator, request.IdempotencyKey);

        return await FullmaktCreation.CreateAsync(store, time, request.Principal, key, hash, async (loaded, now) =>
        {
            var principal = new FullmaktParty(request.Principal, FullmaktParties.Standing(principalPerson));
            var representative = new FullmaktParty(
                request.Representative, FullmaktParties.Standing(await register.FindAsync(request.Representative, cancellationToken)));
            return FullmaktRules.GrantForPersonLackingCapacity(
                principal, representative,
                new CapacityFullmaktDraft(request.Representative, request.CertificateReference, request.ValidFrom, request.ValidTo, request.Administrator),
                loaded.Fullmakter, Guid.NewGuid(), now);
        }, cancellationToken);
    }
}
