namespace CitizenServices.Domain.Identity;

/// <summary>
/// A Norwegian organisation number (organisasjonsnummer) from the Register of Legal Entities (Enhetsregisteret): nine
/// digits, the last a mod-11 control digit over the first eight with weights <c>3 2 7 6 5 4 3 2</c>. Both a legal
/// entity and its sub-units (underenheter) have one. Not personal data, so it is shown and logged in full.
/// </summary>
public readonly record struct OrganisationNumber
{
    public const int DigitCount = 9;

    private static ReadOnlySpan<byte> Weights => [3, 2, 7, 6, 5, 4, 3, 2];

    private readonly string? _digits;

    private OrganisationNumber(string digits) => _digits = digits;

    public string Value => _digits ?? throw new InvalidOperationException("The organisation number was not initialised.");

    public override string ToString() => _digits ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? text, out OrganisationNumber number)
    {
        number = default;
        if (text is not { Length: DigitCount } || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (text[i] - '0') * Weights[i];
        }

        var control = 11 - (sum % 11);
        if (control == 11)
        {
            control = 0;
        }

        // A remainder giving 10 is never issued: no valid number has it.
        if (control == 10 || control != text[8] - '0')
        {
            return false;
        }

        number = new OrganisationNumber(text);
        return true;
    }

    /// <exception cref="FormatException">Not nine digits with a valid control digit.</exception>
    public static OrganisationNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException("Not a valid organisation number (nine digits, mod-11 control digit).");
}
