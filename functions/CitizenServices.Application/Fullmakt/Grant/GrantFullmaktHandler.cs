namespace CitizenServices.Application.Fullmakt.Grant;

/// <summary>
/// Gives a fullmakt: reads both parties from the register, decides with <see cref="FullmaktRules.Grant"/> against the
/// giver's own fullmakter, and writes the fullmakt, its idempotency record and its event in the giver's partition in
/// one transaction.
/// </summary>
public sealed class GrantFullmaktHandler(IFullmaktStore store, FullmaktParties parties, TimeProvider time)
{
    public async Task<Result<FullmaktCreated>> HandleAsync(GrantFullmaktRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hash = IdempotentCreate.RequestHash(
            "grant", request.Representative.Value, string.Join(',', request.ServiceAreas ?? []),
            request.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var key = request.IdempotencyKey is null ? null : new IdempotencyKey("citizen:" + request.Giver.Value, request.IdempotencyKey);

        return await FullmaktCreation.CreateAsync(store, time, request.Giver, key, hash, async (loaded, now) =>
        {
            var giver = await parties.FindAsync(request.Giver, cancellationToken);
            var representative = await parties.FindAsync(request.Representative, cancellationToken);
            return FullmaktRules.Grant(
                giver, representative, new FullmaktGrantDraft(request.Representative, request.ServiceAreas, request.ValidTo),
                loaded.Fullmakter, Guid.NewGuid(), now);
        }, cancellationToken);
    }
}
