namespace CitizenServices.Application.Fullmakt.End;

/// <summary>
/// Ends a fullmakt (<see cref="FullmaktRules.End"/>): the ending is written to the giver's partition, which is what the
/// policy enforcement point reads, so the representative is refused from the next request on.
/// </summary>
public sealed class EndFullmaktHandler(IFullmaktStore store, FullmaktLocator locator, TimeProvider time)
{
    private const int Attempts = 4;

    public async Task<Result<Domain.Fullmakt.Fullmakt>> HandleAsync(EndFullmaktRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await locator.FindAsync(request.Caller, request.FullmaktId, cancellationToken) is not var (partition, fullmakt))
            {
                return FullmaktRules.NotFound();
            }

            var decided = FullmaktRules.End(fullmakt, request.Caller, time.GetUtcNow());
            if (decided.Error is { } error)
            {
                return error;
            }

            var (ended, changed) = decided.Value;
            if (!changed || await store.CommitAsync(new FullmaktCommit(partition, ended, null, [FullmaktEvents.Ended(ended)]), cancellationToken))
            {
                return Result.Ok(ended);
            }
        }

        return FullmaktCreation.ConcurrentChange();
    }
}
