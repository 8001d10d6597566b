namespace CitizenServices.Application.Fullmakt;

/// <summary>A created fullmakt; <see cref="Replayed"/> when an Idempotency-Key retry returned the first result.</summary>
public sealed record FullmaktCreated(Domain.Fullmakt.Fullmakt Fullmakt, bool Replayed);

/// <summary>
/// The shared shape of both creates: load the principal's partition, answer a known Idempotency-Key from it, decide with
/// the domain rule, and commit conditionally; a concurrent change to the partition means deciding again on fresh data.
/// </summary>
internal static class FullmaktCreation
{
    private const int Attempts = 4;

    public static async Task<Result<FullmaktCreated>> CreateAsync(
        IFullmaktStore store, TimeProvider time, NationalIdentityNumber principal, IdempotencyKey? key, string requestHash,
        Func<PrincipalFullmakter, DateTimeOffset, Task<Result<Domain.Fullmakt.Fullmakt>>> decide,
        CancellationToken cancellationToken)
    {
        var keyId = key?.Id;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var loaded = await store.LoadAsync(principal, cancellationToken);
            var replay = IdempotentCreate.Replay(
                loaded.Idempotency, keyId, requestHash,
                id => loaded.Find(id) is { } first ? new FullmaktCreated(first.AsGranted(), Replayed: true) : null);
            if (replay is not null)
            {
                return replay;
            }

            var now = time.GetUtcNow();
            var decided = await decide(loaded, now);
            if (decided.Error is { } error)
            {
                return error;
            }

            var fullmakt = decided.Value;
            var record = keyId is null ? null : new IdempotencyRecord(keyId, requestHash, fullmakt.Id, now);
            if (await store.CommitAsync(new FullmaktCommit(loaded, fullmakt, record, [FullmaktEvents.Granted(fullmakt)]), cancellationToken))
            {
                return Result.Ok(new FullmaktCreated(fullmakt, Replayed: false));
            }
        }

        return ConcurrentChange();
    }

    public static Error ConcurrentChange() => Error.Conflict("concurrent-change", null,
        "This person's fullmakter were changed by another request at the same time; try again.");
}
