using System.Security.Cryptography;

namespace CitizenServices.Application.Idempotency;

/// <summary>
/// The one rule for creates that take an <c>Idempotency-Key</c>, in every module: a retry with the same key and the same
/// request answers with what the first request created (and creates nothing); the same key with a different request is
/// refused (422 <c>idempotency-key-reused</c>) instead of being answered with another request's result.
/// </summary>
public static class IdempotentCreate
{
    /// <summary>The fingerprint of a request: its parts in order, a missing part told apart from an empty one.</summary>
    public static string RequestHash(params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return Hash(string.Join('\n', parts.Select(p => p ?? "\0")));
    }

    /// <summary>
    /// The answer an earlier create with this key gives: null when there was none (or no key), the refusal when it came
    /// with a different request, else what <paramref name="find"/> makes of the id it created.
    /// </summary>
    /// <param name="records">The idempotency records in the partition the create loaded.</param>
    /// <param name="find">What the first request created, from the same load; null means the partition lacks it (a bug).</param>
    public static Result<T>? Replay<T>(
        IReadOnlyDictionary<string, IdempotencyRecord> records, string? keyId, string requestHash, Func<Guid, T?> find)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(find);
        if (keyId is null || !records.TryGetValue(keyId, out var earlier))
        {
            return null;
        }

        if (earlier.RequestHash != requestHash)
        {
            return KeyReused();
        }

        return Result.Ok(find(earlier.CreatedId)
            ?? throw new InvalidOperationException($"An idempotency record points at {earlier.CreatedId:N}, which is not in the partition."));
    }

    public static Error KeyReused() => Error.Invalid(
        "idempotency-key-reused", IdempotencyKey.HeaderName,
        $"This {IdempotencyKey.HeaderName} was used for a different request; use a new key for a new request.");

    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
