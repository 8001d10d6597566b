namespace CitizenServices.UnitTests.Identity;

// Expected values below were computed with an independent script, not with the code under test.
public sealed class NationalIdentityNumberTests
{
    // Worked example: 0 1 0 1 8 0 1 2 3 · 3 7 6 1 8 9 4 5 2 = 92, 92 mod 11 = 4, 11 − 4 = 7;
    // 0 1 0 1 8 0 1 2 3 7 · 5 4 3 2 7 6 5 4 3 2 = 98, 98 mod 11 = 10, 11 − 10 = 1.
    private const string BirthNumber1980 = "01018012371";

    [Theory]
    [InlineData(BirthNumber1980)]
    [InlineData("01018010018")]
    [InlineData("01018010360")]
    [InlineData("29020050088")]
    public void TryParse_WhenBothControlDigitsMatch_Succeeds(string input)
    {
        Assert.True(NationalIdentityNumber.TryParse(input, out var id, out var error));
        Assert.Null(error);
        Assert.Equal(input, id.Value);
    }

    [Fact]
    public void TryParse_WhenFirstControlDigitIsWrong_FailsNamingTheFirstControlDigit()
    {
        Assert.False(NationalIdentityNumber.TryParse("01018012381", out _, out var error));
        Assert.Equal(NationalIdentityNumberError.ControlDigit, NationalIdentityNumber.Validate("01018012381"));
        Assert.Contains("first control digit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenSecondControlDigitIsWrong_FailsNamingTheSecondControlDigit()
    {
        Assert.False(NationalIdentityNumber.TryParse("01018012372", out _, out var error));
        Assert.Equal(NationalIdentityNumberError.ControlDigit, NationalIdentityNumber.Validate("01018012372"));
        Assert.Contains("second control digit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("010180101")] // first control digit would be 10
    [InlineData("0101801028")] // first control digit 8 fits, second would be 10
    public void Validate_WhenAControlDigitComputesToTen_NoCompletionIsValid(string prefix)
    {
        var suffixLength = NationalIdentityNumber.DigitCount - prefix.Length;
        var completions = Enumerable.Range(0, (int)Math.Pow(10, suffixLength))
            .Select(suffix => prefix + suffix.ToString($"D{suffixLength}", System.Globalization.CultureInfo.InvariantCulture));

        Assert.All(completions, candidate =>
            Assert.Equal(NationalIdentityNumberError.ControlDigit, NationalIdentityNumber.Validate(candidate)));
    }

    [Fact]
    public void TryParse_WhenOrdinaryBirthNumber_IsBirthKindAndNotSynthetic()
    {
        var id = NationalIdentityNumber.Parse(BirthNumber1980);

        Assert.Equal(NationalIdentityNumberKind.Birth, id.Kind);
        Assert.False(id.IsSynthetic);
        Assert.Equal(new DateOnly(1980, 1, 1), id.BirthDate);
    }

    [Theory]
    [InlineData("41018012365", NationalIdentityNumberKind.DNumber, false)] // day + 40
    [InlineData("01418012354", NationalIdentityNumberKind.HNumber, false)] // month + 40
    [InlineData("01818012337", NationalIdentityNumberKind.Birth, true)] // month + 80
    [InlineData("41818012320", NationalIdentityNumberKind.DNumber, true)] // day + 40 and month + 80
    public void Parse_WhenDayOrMonthIsShifted_RemovesTheOffsetAndReportsKind(
        string input, NationalIdentityNumberKind kind, bool synthetic)
    {
        var id = NationalIdentityNumber.Parse(input);

        Assert.Equal(kind, id.Kind);
        Assert.Equal(synthetic, id.IsSynthetic);
        Assert.Equal(new DateOnly(1980, 1, 1), id.BirthDate);
    }

    [Fact]
    public void TryParse_WhenBothDNumberAndHNumberOffsets_IsRejectedAsInvalidDate()
    {
        Assert.False(NationalIdentityNumber.TryParse("41418012348", out _, out var error));
        Assert.Equal(NationalIdentityNumberError.InvalidDate, NationalIdentityNumber.Validate("41418012348"));
        Assert.Contains("both a D-number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("02010000079", 1900)] // 000 with 00 → 1900s (000–499)
    [InlineData("01010049918", 1900)] // 499 with 00 → 1900s
    [InlineData("02019949969", 1999)] // 499 with 99
    [InlineData("01010050053", 2000)] // 500 with 00 → 2000s (500–999 with 00–39)
    [InlineData("02013950035", 2039)] // 500 with 39
    [InlineData("01013999984", 2039)] // 999 with 39
    [InlineData("01010075056", 2000)] // 750 with 00
    [InlineData("01013989911", 2039)] // 899 with 39
    [InlineData("01010090004", 2000)] // 900 with 00
    [InlineData("01015450068", 1854)] // 500 with 54 → 1800s (500–749 with 54–99)
    [InlineData("01015474943", 1854)] // 749 with 54
    [InlineData("01019974940", 1899)] // 749 with 99
    [InlineData("01014090017", 1940)] // 900 with 40 → 1900s (900–999 with 40–99)
    [InlineData("01019999943", 1999)] // 999 with 99
    public void Parse_WhenIndividualNumberAndYearAreAtACenturyBoundary_ResolvesTheCentury(string input, int expectedYear)
    {
        Assert.Equal(expectedYear, NationalIdentityNumber.Parse(input).BirthDate.Year);
    }

    [Theory]
    [InlineData("01014050066")] // 500 with 40: 500–749 serve 1800s only from 54
    [InlineData("01015374922")] // 749 with 53
    [InlineData("01015350047")] // 500 with 53
    [InlineData("01014075069")] // 750 with 40: 750–899 serve 2000s only
    [InlineData("01019989980")] // 899 with 99
    public void TryParse_WhenIndividualNumberIsNotAllocatedForTheYear_IsRejectedAsInvalidDate(string input)
    {
        Assert.False(NationalIdentityNumber.TryParse(input, out _, out var error));
        Assert.Equal(NationalIdentityNumberError.InvalidDate, NationalIdentityNumber.Validate(input));
        Assert.Contains("century cannot be determined", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("32018012371")] // day 32
    [InlineData("00018012371")] // day 0
    [InlineData("31048012371")] // 31 April
    [InlineData("01138012371")] // month 13
    [InlineData("01008012371")] // month 0
    [InlineData("29020010027")] // 29 Feb 1900: control digits fit, but 1900 was not a leap year
    [InlineData("29020150260")] // 29 Feb 2001
    public void TryParse_WhenBirthDateDoesNotExist_IsRejectedAsInvalidDate(string input)
    {
        Assert.False(NationalIdentityNumber.TryParse(input, out _, out var error));
        Assert.Equal(NationalIdentityNumberError.InvalidDate, NationalIdentityNumber.Validate(input));
        Assert.Contains("birth date part", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenBornOnLeapDayInALeapYear_KeepsTheLeapDay()
    {
        Assert.Equal(new DateOnly(2000, 2, 29), NationalIdentityNumber.Parse("29020050088").BirthDate);
    }

    [Theory]
    [InlineData(null, NationalIdentityNumberError.Missing, "required")]
    [InlineData("", NationalIdentityNumberError.Missing, "required")]
    [InlineData("0101801237", NationalIdentityNumberError.Length, "has 10 characters")]
    [InlineData("010180123711", NationalIdentityNumberError.Length, "has 12 characters")]
    [InlineData("010180 12371", NationalIdentityNumberError.Length, "has 12 characters")]
    [InlineData("0101801237a", NationalIdentityNumberError.NonDigit, "position 11")]
    [InlineData("01018O12371", NationalIdentityNumberError.NonDigit, "position 6")]
    [InlineData("0101801237\u0661", NationalIdentityNumberError.NonDigit, "position 11")] // Arabic-Indic one: a digit, not 0-9
    public void TryParse_WhenNotElevenAsciiDigits_FailsWithPreciseReason(
        string? input, NationalIdentityNumberError reason, string expectedInMessage)
    {
        Assert.False(NationalIdentityNumber.TryParse(input, out var value, out var error));
        Assert.Equal(default, value);
        Assert.Equal(reason, NationalIdentityNumber.Validate(input));
        Assert.Contains(expectedInMessage, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01018012372")]
    [InlineData("01014050066")]
    [InlineData("0101801237a")]
    [InlineData("29020010027")]
    public void TryParse_WhenRejected_ErrorNeverRepeatsTheFullInput(string input)
    {
        Assert.False(NationalIdentityNumber.TryParse(input, out _, out var error));
        Assert.DoesNotContain(input, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenInvalid_ThrowsFormatExceptionWithTheReason()
    {
        var exception = Assert.Throws<FormatException>(() => NationalIdentityNumber.Parse("01018012372"));
        Assert.Contains("second control digit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_WhenValid_IsBirthDatePartAndFiveStars()
    {
        Assert.Equal("010180*****", NationalIdentityNumber.Parse(BirthNumber1980).Masked);
    }

    [Fact]
    public void ToString_WhenFormattedOrInterpolated_NeverCarriesTheFullNumber()
    {
        var id = NationalIdentityNumber.Parse(BirthNumber1980);

        Assert.Equal("010180*****", id.ToString());
        Assert.Equal("person 010180*****", $"person {id}");
        Assert.DoesNotContain(BirthNumber1980, string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", id), StringComparison.Ordinal);
    }

    [Fact]
    public void Value_WhenValid_IsTheFullNumber()
    {
        Assert.Equal(BirthNumber1980, NationalIdentityNumber.Parse(BirthNumber1980).Value);
    }

    [Fact]
    public void Value_WhenDefault_ThrowsInsteadOfReturningAnEmptyNumber()
    {
        NationalIdentityNumber id = default;

        Assert.Throws<InvalidOperationException>(() => id.Value);
        Assert.Equal(string.Empty, id.ToString());
    }

    [Fact]
    public void Equals_WhenParsedTwiceFromTheSameDigits_IsEqualAndHashesAlike()
    {
        var first = NationalIdentityNumber.Parse(BirthNumber1980);
        var second = NationalIdentityNumber.Parse(new string(BirthNumber1980.ToCharArray()));

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, NationalIdentityNumber.Parse("01018010018"));
    }
}
