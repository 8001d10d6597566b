namespace CitizenServices.Domain.Identity;

/// <summary>
/// A health personnel number (HPR-nummer) from the Health Personnel Register (Helsepersonellregisteret): up to nine digits,
/// no leading zero. It identifies authorised health personnel publicly (the register is open), so it is shown in full.
/// </summary>
public readonly record struct HprNumber
{
    public const int MinDigits = 4;
    public const int MaxDigits = 9;

    private readonly string? _digits;

    private HprNumber(string digits) => _digits = digits;

    public string Value => _digits ?? throw new InvalidOperationException("The HPR number was not initialised.");

    public override string ToString() => _digits ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out HprNumber number)
    {
        number = default;
        if (text is null || text.Length is < MinDigits or > MaxDigits || text[0] == '0' || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        number = new HprNumber(text);
        return true;
    }

    /// <exception cref="FormatException">Not 4 to 9 digits without a leading zero.</exception>
    public static HprNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException("Not a valid HPR number (4 to 9 digits, no leading zero).");
}
