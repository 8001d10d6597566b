namespace CitizenServices.Domain.Identity;

/// <summary>
/// A Norwegian national identity number (fødselsnummer, D-number, H-number or a synthetic test number):
/// eleven digits <c>DDMMYYIIIKK</c> with two mod-11 control digits.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> returns the masked form so that an accidental log line or string interpolation never
/// carries the full number; read <see cref="Value"/> when the full digits are really needed (a register lookup).
/// </remarks>
[JsonConverter(typeof(NationalIdentityNumberJsonConverter))]
public readonly record struct NationalIdentityNumber
{
    public const int DigitCount = 11;

    /// <summary>The part a log may show: the (possibly D/H/synthetic-shifted) birth date digits.</summary>
    public const int VisibleDigitCount = 6;

    private const string MaskSuffix = "*****";

    private static ReadOnlySpan<byte> FirstControlWeights => [3, 7, 6, 1, 8, 9, 4, 5, 2];

    private static ReadOnlySpan<byte> SecondControlWeights => [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private readonly string? _digits;
    private readonly string? _masked;

    private NationalIdentityNumber(string digits, Components components)
    {
        _digits = digits;
        // Computed once: ToString is called on every log line that touches the number.
        _masked = string.Concat(digits.AsSpan(0, VisibleDigitCount), MaskSuffix);
        BirthDate = components.BirthDate;
        Kind = components.Kind;
        IsSynthetic = components.IsSynthetic;
    }

    /// <summary>The full eleven digits. Never log this; use <see cref="Masked"/> or <see cref="ToString"/>.</summary>
    public string Value => _digits ?? throw Uninitialized();

    /// <summary>The birth date part followed by five stars, e.g. <c>010180*****</c>.</summary>
    public string Masked => _masked ?? string.Empty;

    /// <summary>The real birth date: D-number, H-number and synthetic offsets removed, century resolved.</summary>
    public DateOnly BirthDate { get; }

    public NationalIdentityNumberKind Kind { get; }

    /// <summary>True for test numbers (month + 80) that never identify a real person.</summary>
    public bool IsSynthetic { get; }

    /// <summary>The masked form, never the full number.</summary>
    public override string ToString() => Masked;

    /// <summary>Age in completed years on <paramref name="date"/> (a Europe/Oslo calendar date).</summary>
    /// <remarks>
    /// A person born on 29 February becomes a year older on 1 March in common years (28 February is still
    /// before the birthday). Norwegian age limits ("fylt 16 år") count completed years, and the year since a
    /// 29 February birth is only completed when 28 February has ended; this also means an age-gated right
    /// (a 16-year-old's own health matters, an 18-year-old acting as representative) never starts before the
    /// age is certainly reached. A policy choice: if the law is read as 28 February, change it here only.
    /// </remarks>
    public int AgeOn(DateOnly date)
    {
        if (_digits is null)
        {
            throw Uninitialized();
        }

        if (date < BirthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date is before the person's birth date.");
        }

        var age = date.Year - BirthDate.Year;
        if (date.Month < BirthDate.Month || (date.Month == BirthDate.Month && date.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>Parses a number, throwing <see cref="FormatException"/> with the precise reason when it is invalid.</summary>
    public static NationalIdentityNumber Parse(string input)
    {
        return TryParse(input, out var value, out var error) ? value : throw new FormatException(error);
    }

    public static bool TryParse(string? input, out NationalIdentityNumber value)
    {
        return TryParse(input, out value, out _);
    }

    /// <summary>Parses a number; on failure <paramref name="error"/> says why without repeating the input.</summary>
    public static bool TryParse(string? input, out NationalIdentityNumber value, out string? error)
    {
        var reason = Read(input, out var components, out var detail);
        if (reason == NationalIdentityNumberError.None)
        {
            value = new NationalIdentityNumber(input!, components);
            error = null;
            return true;
        }

        value = default;
        error = Describe(reason, input, detail);
        return false;
    }

    /// <summary>
    /// The synthetic test number (month + 80) for <paramref name="birthDate"/> with the first individual number from
    /// <paramref name="individualFrom"/> upwards, in steps of two so the sex (the third individual digit's parity) stays,
    /// whose control digits work out; a D-number (day + 40) when asked. Null when none is left in the century's range.
    /// </summary>
    /// <remarks>For development data and doubles: a synthetic number never identifies a real person.</remarks>
    public static NationalIdentityNumber? Synthetic(DateOnly birthDate, int individualFrom, bool dNumber = false)
    {
        // The individual numbers of a century (Century): 000–499 for the 1900s, 500–999 for 2000–2039.
        var (first, last) = birthDate.Year switch
        {
            >= 1900 and <= 1999 => (0, 499),
            >= 2000 and <= 2039 => (500, 999),
            _ => throw new ArgumentOutOfRangeException(nameof(birthDate), birthDate, "Synthetic numbers are made for births 1900-2039."),
        };
        ArgumentOutOfRangeException.ThrowIfLessThan(individualFrom, first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(individualFrom, last);

        Span<char> digits = stackalloc char[DigitCount];
        for (var individual = individualFrom; individual <= last; individual += 2)
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"{birthDate.Day + (dNumber ? 40 : 0):00}{birthDate.Month + 80:00}{birthDate.Year % 100:00}{individual:000}").CopyTo(digits);
            digits[9] = (char)('0' + ControlDigit(digits[..9], FirstControlWeights));
            digits[10] = (char)('0' + ControlDigit(digits[..10], SecondControlWeights));

            // A remainder of 1 gives the "digit" 10, which no number can carry: the register takes the next individual number.
            if (TryParse(digits.ToString(), out var number))
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>Checks a candidate without allocating; the reason is stable for mapping to problem details.</summary>
    public static NationalIdentityNumberError Validate(ReadOnlySpan<char> input)
    {
        return Read(input, out _, out _);
    }

    public static bool IsValid(ReadOnlySpan<char> input) => Validate(input) == NationalIdentityNumberError.None;

    private static NationalIdentityNumberError Read(string? input, out Components components, out int detail)
    {
        if (string.IsNullOrEmpty(input))
        {
            components = default;
            detail = 0;
            return NationalIdentityNumberError.Missing;
        }

        return Read(input.AsSpan(), out components, out detail);
    }

    // detail: the 1-based position of the first non-digit, the failing control digit (1 or 2),
    // or a DateProblem for an invalid date, so the message can be precise without a second parse.
    private static NationalIdentityNumberError Read(ReadOnlySpan<char> input, out Components components, out int detail)
    {
        components = default;
        detail = 0;
        if (input.IsEmpty)
        {
            return NationalIdentityNumberError.Missing;
        }

        if (input.Length != DigitCount)
        {
            detail = input.Length;
            return NationalIdentityNumberError.Length;
        }

        for (var i = 0; i < input.Length; i++)
        {
            if (!char.IsAsciiDigit(input[i]))
            {
                detail = i + 1;
                return NationalIdentityNumberError.NonDigit;
            }
        }

        var dateProblem = ReadBirthDate(input, out components);
        if (dateProblem != DateProblem.None)
        {
            detail = (int)dateProblem;
            return NationalIdentityNumberError.InvalidDate;
        }

        var firstControl = ControlDigit(input[..9], FirstControlWeights);
        if (firstControl != input[9] - '0')
        {
            detail = 1;
            return NationalIdentityNumberError.ControlDigit;
        }

        var secondControl = ControlDigit(input[..10], SecondControlWeights);
        if (secondControl != input[10] - '0')
        {
            detail = 2;
            return NationalIdentityNumberError.ControlDigit;
        }

        return NationalIdentityNumberError.None;
    }

    private static DateProblem ReadBirthDate(ReadOnlySpan<char> digits, out Components components)
    {
        components = default;
        var day = TwoDigits(digits, 0);
        var month = TwoDigits(digits, 2);
        var yearInCentury = TwoDigits(digits, 4);
        var individual = ((digits[6] - '0') * 100) + TwoDigits(digits, 7);

        var isDNumber = day > 40;
        if (isDNumber)
        {
            day -= 40;
        }

        var isSynthetic = false;
        var isHNumber = false;
        if (month > 80)
        {
            isSynthetic = true;
            month -= 80;
        }
        else if (month > 40)
        {
            isHNumber = true;
            month -= 40;
        }

        if (isDNumber && isHNumber)
        {
            return DateProblem.BothDAndH;
        }

        if (month is < 1 or > 12)
        {
            return DateProblem.Month;
        }

        var century = Century(individual, yearInCentury);
        if (century is null)
        {
            return DateProblem.Century;
        }

        var year = century.Value + yearInCentury;
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return DateProblem.Day;
        }

        var kind = isDNumber ? NationalIdentityNumberKind.DNumber
            : isHNumber ? NationalIdentityNumberKind.HNumber
            : NationalIdentityNumberKind.Birth;
        components = new Components(new DateOnly(year, month, day), kind, isSynthetic);
        return DateProblem.None;
    }

    // The individual number ranges are allocated per century; the gaps (500–749 with 40–53, 750–899 with 40–99)
    // were never handed out, so a number in them has no birth date.
    private static int? Century(int individual, int yearInCentury) => individual switch
    {
        <= 499 => 1900,
        _ when yearInCentury <= 39 => 2000,
        <= 749 when yearInCentury >= 54 => 1800,
        >= 900 => 1900,
        _ => null,
    };

    private static int TwoDigits(ReadOnlySpan<char> digits, int start) =>
        ((digits[start] - '0') * 10) + (digits[start + 1] - '0');

    // Returns 10 when the sum leaves remainder 1: no digit can satisfy that, so any compare fails.
    private static int ControlDigit(ReadOnlySpan<char> digits, ReadOnlySpan<byte> weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        var control = 11 - (sum % 11);
        return control == 11 ? 0 : control;
    }

    private static string Describe(NationalIdentityNumberError reason, string? input, int detail) => reason switch
    {
        NationalIdentityNumberError.Missing => "A national identity number is required.",
        NationalIdentityNumberError.Length =>
            $"A national identity number has exactly {DigitCount} digits; the input has {detail} characters.",
        NationalIdentityNumberError.NonDigit =>
            $"A national identity number contains only the digits 0-9; the character at position {detail} is not a digit.",
        NationalIdentityNumberError.InvalidDate => DescribeDate((DateProblem)detail, input!),
        NationalIdentityNumberError.ControlDigit => detail == 1
            ? "The first control digit (position 10) does not match the first nine digits."
            : "The second control digit (position 11) does not match the first ten digits.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string DescribeDate(DateProblem problem, string input)
    {
        // Only the date part is echoed: it is what a masked number shows anyway.
        var date = input.AsSpan(0, VisibleDigitCount).ToString();
        return problem switch
        {
            DateProblem.Month =>
                $"The birth date part '{date}' has no valid month (01-12, +40 for an H-number, +80 for a synthetic number).",
            DateProblem.Day =>
                $"The birth date part '{date}' has no valid day in its month (+40 for a D-number).",
            DateProblem.BothDAndH =>
                $"The birth date part '{date}' marks both a D-number (day + 40) and an H-number (month + 40).",
            DateProblem.Century =>
                $"The individual number (positions 7-9) is not allocated for birth year '{input.AsSpan(4, 2)}', so the century cannot be determined.",
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }

    private static InvalidOperationException Uninitialized() =>
        new("This NationalIdentityNumber is the default value; obtain one through Parse or TryParse.");

    private enum DateProblem
    {
        None,
        Month,
        Day,
        BothDAndH,
        Century,
    }

    private readonly record struct Components(DateOnly BirthDate, NationalIdentityNumberKind Kind, bool IsSynthetic);
}
