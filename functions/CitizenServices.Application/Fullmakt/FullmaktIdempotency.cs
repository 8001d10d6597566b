using System.Security.Cryptography;
using System.Text;

namespace CitizenServices.Application.Fullmakt;

/// <summary>
/// Idempotency-Key handling for creates: the key is scoped to whoever sent it (two callers may pick the same key) and
/// stored hashed, so any characters are safe as a table key; the request is fingerprinted so a reused key with a
/// different body is refused instead of silently answered with another request's result.
/// </summary>
public static class FullmaktIdempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>Null when the key is acceptable, else the reason.</summary>
    public static string? Validate(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~')
            ? $"{HeaderName} must be 1-{MaxKeyLength} printable ASCII characters."
            : null;

    public static string KeyId(string actor, string key) => Hash($"{actor}\n{key}");

    public static string RequestHash(params string?[] parts) => Hash(string.Join('\n', parts.Select(p => p ?? "\0")));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
