namespace CitizenServices.UnitTests.Identity;

public sealed class NationalIdentityNumberAgeTests
{
    private const string Born20140615 = "15061450022";
    private const string Born20100615 = "15061050059";
    private const string Born20080615 = "15060850078";
    private const string Born20120229 = "29021250048";

    [Theory]
    [InlineData(Born20140615, "2026-06-14", 11)] // day before the 12th birthday: still full parental representation
    [InlineData(Born20140615, "2026-06-15", 12)] // 12th birthday: restricted from this day
    [InlineData(Born20100615, "2026-06-14", 15)]
    [InlineData(Born20100615, "2026-06-15", 16)] // 16th birthday: of age for health matters
    [InlineData(Born20080615, "2026-06-14", 17)]
    [InlineData(Born20080615, "2026-06-15", 18)] // 18th birthday: may be a representative
    [InlineData(Born20080615, "2027-06-14", 18)]
    public void AgeOn_WhenAroundAnAgeBandBirthday_CountsCompletedYears(string number, string date, int expected)
    {
        var id = NationalIdentityNumber.Parse(number);

        Assert.Equal(expected, id.AgeOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2027-02-28", 14)] // common year: 28 February does not complete the year
    [InlineData("2027-03-01", 15)] // ... 1 March does
    [InlineData("2028-02-28", 15)]
    [InlineData("2028-02-29", 16)] // leap year: the birthday itself
    [InlineData("2030-02-28", 17)]
    [InlineData("2030-03-01", 18)]
    public void AgeOn_WhenBornOnLeapDay_BecomesOlderOnFirstMarchInCommonYears(string date, int expected)
    {
        var id = NationalIdentityNumber.Parse(Born20120229);

        Assert.Equal(expected, id.AgeOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void AgeOn_WhenDateIsBeforeBirth_Throws()
    {
        var id = NationalIdentityNumber.Parse(Born20140615);

        Assert.Throws<ArgumentOutOfRangeException>(() => id.AgeOn(new DateOnly(2014, 6, 14)));
    }

    [Fact]
    public void AgeOn_WhenOsloDateIsAlreadyTheBirthdayButUtcIsNot_UsesTheOsloDate()
    {
        // 22:30 UTC on 14 June is 00:30 on 15 June in Oslo (summer time, +02:00).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 14, 22, 30, 0, TimeSpan.Zero));
        var id = NationalIdentityNumber.Parse(Born20140615);

        Assert.Equal(12, id.AgeOn(NorwegianTime.Today(time)));
        Assert.Equal(11, id.AgeOn(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }
}
