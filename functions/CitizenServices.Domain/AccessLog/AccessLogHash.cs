namespace CitizenServices.Domain.AccessLog;

/// <summary>A SHA-256 value as 64 lowercase hexadecimal characters.</summary>
public sealed record AccessLogHash
{
    public const int HexLength = SHA256.HashSizeInBytes * 2;

    private AccessLogHash(string hex) => Hex = hex;

    /// <summary>The previous hash of the first entry: all zeros, a value SHA-256 will not produce in practice.</summary>
    public static AccessLogHash Genesis { get; } = new(new string('0', HexLength));

    public string Hex { get; }

    public static AccessLogHash Of(ReadOnlySpan<byte> data) => new(Convert.ToHexStringLower(SHA256.HashData(data)));

    /// <summary>Reads a stored hash; only the canonical lowercase form is accepted, so each hash has one spelling.</summary>
    public static bool TryParse(string? hex, out AccessLogHash? hash)
    {
        if (hex is { Length: HexLength } && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            hash = new AccessLogHash(hex);
            return true;
        }

        hash = null;
        return false;
    }

    public static AccessLogHash Parse(string hex) =>
        TryParse(hex, out var hash) ? hash! : throw new FormatException("A hash is 64 lowercase hexadecimal characters.");

    public override string ToString() => Hex;
}
