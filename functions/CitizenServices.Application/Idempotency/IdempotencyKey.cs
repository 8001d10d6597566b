namespace CitizenServices.Application.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> a create was sent with, scoped to whoever sent it: two callers may pick the same key. It is
/// stored hashed (<see cref="Id"/>), so any characters are safe as a table key.
/// </summary>
/// <param name="Actor">Who sent it, prefixed with the kind of caller: <c>citizen:{pid}</c>, <c>administrator:{object id}</c>.</param>
/// <param name="Key">The header's value, as sent (checked with <see cref="Validate"/> at the boundary).</param>
public sealed record IdempotencyKey(string Actor, string Key)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>
    /// The key as stored next to what it created: SHA-256 of the actor and the key, lowercase hex. Keys already stored are
    /// looked up by it, so it must never change.
    /// </summary>
    public string Id => IdempotentCreate.Hash($"{Actor}\n{Key}");

    /// <summary>Null when the key is acceptable, else the reason.</summary>
    public static string? Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~')
            ? $"{HeaderName} must be 1-{MaxKeyLength} printable ASCII characters."
            : null;
    }
}

/// <summary>
/// What a create sent with a key answered: the key's <see cref="IdempotencyKey.Id"/>, the fingerprint of the request and
/// the id of what it created. Each module stores it in the partition of what was created, in the same transaction, so the
/// record exists exactly when the creation does.
/// </summary>
public sealed record IdempotencyRecord(string KeyId, string RequestHash, Guid CreatedId, DateTimeOffset CreatedAt);
