namespace CitizenServices.UnitTests.Time;

// Summer time starts on the last Sunday of March at 02:00 (clocks jump to 03:00) and ends on the last
// Sunday of October at 03:00 (clocks go back to 02:00): 29 Mar / 25 Oct 2026, 28 Mar / 31 Oct 2027.
public sealed class NorwegianTimeTests
{
    [Theory]
    [InlineData("2026-01-15T12:00:00Z", "2026-01-15T13:00:00+01:00")]
    [InlineData("2026-07-15T12:00:00Z", "2026-07-15T14:00:00+02:00")]
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00")] // last second of winter time
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00")] // 02:00 never shows on the clock
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25T02:30:00+02:00")] // first 02:30
    [InlineData("2026-10-25T01:30:00Z", "2026-10-25T02:30:00+01:00")] // second 02:30
    [InlineData("2027-03-28T01:00:00Z", "2027-03-28T03:00:00+02:00")]
    [InlineData("2027-10-31T01:00:00Z", "2027-10-31T02:00:00+01:00")]
    public void ToOslo_WhenAroundDaylightSavingChanges_UsesTheOffsetInForce(string utc, string expected)
    {
        var oslo = NorwegianTime.ToOslo(Instant(utc));

        Assert.Equal(Instant(expected), oslo);
        Assert.Equal(Instant(expected).Offset, oslo.Offset);
    }

    [Theory]
    [InlineData("2026-03-29T01:59:00", "2026-03-29T00:59:00Z")]
    [InlineData("2026-03-29T03:00:00", "2026-03-29T01:00:00Z")]
    [InlineData("2026-10-25T01:59:00", "2026-10-24T23:59:00Z")]
    [InlineData("2026-10-25T03:00:00", "2026-10-25T02:00:00Z")]
    [InlineData("2026-04-05T02:30:00", "2026-04-05T00:30:00Z")] // an ordinary summer night
    [InlineData("2026-11-01T02:30:00", "2026-11-01T01:30:00Z")] // an ordinary winter night
    public void ToUtc_WhenLocalTimeExistsOnce_ConvertsWithItsOffset(string local, string expectedUtc)
    {
        Assert.Equal(Instant(expectedUtc), NorwegianTime.ToUtc(Local(local)));
    }

    [Theory]
    [InlineData("2026-03-29T02:00:00", "2026-03-29T01:00:00Z")] // read as 03:00 summer time
    [InlineData("2026-03-29T02:30:00", "2026-03-29T01:30:00Z")] // read as 03:30 summer time
    [InlineData("2026-03-29T02:59:00", "2026-03-29T01:59:00Z")]
    [InlineData("2027-03-28T02:30:00", "2027-03-28T01:30:00Z")]
    public void ToUtc_WhenLocalTimeFallsInTheSpringGap_MovesForwardByTheGap(string local, string expectedUtc)
    {
        var utc = NorwegianTime.ToUtc(Local(local));

        Assert.Equal(Instant(expectedUtc), utc);
        Assert.Equal(Local(local).AddHours(1), NorwegianTime.ToOslo(utc).DateTime);
    }

    [Theory]
    [InlineData("2026-10-25T02:00:00", "2026-10-25T00:00:00Z")]
    [InlineData("2026-10-25T02:30:00", "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T02:59:00", "2026-10-25T00:59:00Z")]
    [InlineData("2027-10-31T02:30:00", "2027-10-31T00:30:00Z")]
    public void ToUtc_WhenLocalTimeFallsInTheAutumnOverlap_ChoosesTheEarlierSummerTimeInstant(string local, string expectedUtc)
    {
        var utc = NorwegianTime.ToUtc(Local(local));

        Assert.Equal(Instant(expectedUtc), utc);
        Assert.Equal(TimeSpan.FromHours(2), NorwegianTime.ToOslo(utc).Offset);
    }

    [Fact]
    public void ToUtc_WhenGivenDateAndTime_MatchesTheDateTimeOverload()
    {
        Assert.Equal(
            Instant("2026-10-25T00:30:00Z"),
            NorwegianTime.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)));
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    public void ToUtc_WhenDateTimeIsNotAWallClockTime_Throws(DateTimeKind kind)
    {
        var value = new DateTime(2026, 6, 1, 12, 0, 0, kind);

        Assert.Throws<ArgumentException>(() => NorwegianTime.ToUtc(value));
    }

    [Theory]
    [InlineData("2026-12-31T22:59:59Z", "2026-12-31")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01-01")] // midnight in Oslo in winter is 23:00 UTC
    [InlineData("2026-06-30T21:59:59Z", "2026-06-30")]
    [InlineData("2026-06-30T22:00:00Z", "2026-07-01")] // ... and 22:00 UTC in summer
    public void Today_WhenUtcDateDiffersFromOsloDate_ReturnsTheOsloDate(string utc, string expected)
    {
        var time = new FakeTimeProvider(Instant(utc));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), NorwegianTime.Today(time));
    }

    [Fact]
    public void Zone_WhenResolved_IsEuropeOsloWithWinterOffsetOneHour()
    {
        Assert.Equal(TimeSpan.FromHours(1), NorwegianTime.Zone.BaseUtcOffset);
        Assert.True(NorwegianTime.Zone.SupportsDaylightSavingTime);
    }

    private static DateTimeOffset Instant(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static DateTime Local(string value) =>
        DateTime.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
