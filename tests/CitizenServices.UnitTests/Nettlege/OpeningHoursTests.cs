using CitizenServices.Domain.Nettlege;

namespace CitizenServices.UnitTests.Nettlege;

// Rule: open every day 12:00-22:00 Europe/Oslo by default, daylight-saving correct. Summer time starts 29 March 2026
// (02:00 -> 03:00) and ends 25 October 2026 (03:00 -> 02:00). Instants are written with the offset in force in Oslo.
public sealed class OpeningHoursTests
{
    [Theory]
    [InlineData("2026-01-15T11:59:00+01:00", false)]
    [InlineData("2026-01-15T12:00:00+01:00", true)]
    [InlineData("2026-01-15T21:59:00+01:00", true)]
    [InlineData("2026-01-15T22:00:00+01:00", false)]
    [InlineData("2026-07-15T11:59:00+02:00", false)]
    [InlineData("2026-07-15T12:00:00+02:00", true)]
    [InlineData("2026-07-15T21:59:00+02:00", true)]
    [InlineData("2026-07-15T22:00:00+02:00", false)]
    // Spring change day: the clock is at +02:00 from 03:00, so noon is 10:00 UTC.
    [InlineData("2026-03-29T11:59:00+02:00", false)]
    [InlineData("2026-03-29T12:00:00+02:00", true)]
    [InlineData("2026-03-29T21:59:00+02:00", true)]
    [InlineData("2026-03-29T22:00:00+02:00", false)]
    // Autumn change day: the clock is at +01:00 from 03:00 (second time round), so noon is 11:00 UTC.
    [InlineData("2026-10-25T11:59:00+01:00", false)]
    [InlineData("2026-10-25T12:00:00+01:00", true)]
    [InlineData("2026-10-25T21:59:00+01:00", true)]
    [InlineData("2026-10-25T22:00:00+01:00", false)]
    public void IsOpenAt_WhenAtTheEdgesOfTheDefaultHours_IsOpenFromNoonUntilTenInOsloTime(string instant, bool open)
    {
        Assert.Equal(open, OpeningHours.Default.IsOpenAt(At(instant)));
    }

    [Fact]
    public void IsOpenAt_WhenSameUtcTimeEitherSideOfTheSpringChange_FollowsTheOsloClockNotUtc()
    {
        // 10:30 UTC is 11:30 in Oslo on Saturday (winter) and 12:30 on Sunday (summer): a fixed UTC window gets one wrong.
        Assert.False(OpeningHours.Default.IsOpenAt(At("2026-03-28T10:30:00Z")));
        Assert.True(OpeningHours.Default.IsOpenAt(At("2026-03-29T10:30:00Z")));
        // 20:59 UTC is 21:59 in Oslo on Saturday (open); 20:00 UTC is already 22:00 in Oslo on Sunday (closed).
        Assert.True(OpeningHours.Default.IsOpenAt(At("2026-03-28T20:59:00Z")));
        Assert.False(OpeningHours.Default.IsOpenAt(At("2026-03-29T20:00:00Z")));
    }

    [Fact]
    public void IsOpenAt_WhenSameUtcTimeEitherSideOfTheAutumnChange_FollowsTheOsloClockNotUtc()
    {
        // 10:30 UTC is 12:30 in Oslo on Saturday (summer) and 11:30 on Sunday (winter).
        Assert.True(OpeningHours.Default.IsOpenAt(At("2026-10-24T10:30:00Z")));
        Assert.False(OpeningHours.Default.IsOpenAt(At("2026-10-25T10:30:00Z")));
        Assert.True(OpeningHours.Default.IsOpenAt(At("2026-10-25T20:59:00Z")));
        Assert.False(OpeningHours.Default.IsOpenAt(At("2026-10-25T21:00:00Z")));
    }

    [Theory]
    [InlineData("2026-03-28T22:00:00+01:00", "2026-03-29T12:00:00+02:00")] // closing the night before the spring change
    [InlineData("2026-10-24T22:00:00+02:00", "2026-10-25T12:00:00+01:00")] // closing the night before the autumn change
    [InlineData("2026-03-29T03:30:00+02:00", "2026-03-29T12:00:00+02:00")] // the morning of the spring change
    [InlineData("2026-10-25T02:30:00+01:00", "2026-10-25T12:00:00+01:00")] // the repeated hour of the autumn change
    [InlineData("2026-01-15T12:00:00+01:00", "2026-01-16T12:00:00+01:00")] // open now: the next opening is tomorrow's
    public void NextOpeningAfter_WhenAroundDaylightSavingChanges_IsNoonOnTheOsloClock(string from, string expected)
    {
        Assert.Equal(At(expected), OpeningHours.Default.NextOpeningAfter(At(from), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void NextOpeningAfter_WhenClosedOnSomeDays_SkipsThem()
    {
        var weekdays = new OpeningHours(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new DailyOpening(d, new TimeOnly(8, 0), new TimeOnly(16, 0))));

        // Friday 2026-11-27 after closing -> Monday 2026-11-30 08:00.
        Assert.Equal(At("2026-11-30T08:00:00+01:00"), weekdays.NextOpeningAfter(At("2026-11-27T16:00:00+01:00"), new DateOnly(2026, 12, 31)));
        Assert.False(weekdays.IsOpenAt(At("2026-11-28T12:00:00+01:00")));
    }

    [Fact]
    public void NextOpeningAfter_WhenBeyondTheLastDate_IsNone()
    {
        Assert.Null(OpeningHours.Default.NextOpeningAfter(At("2026-12-31T22:00:00+01:00"), new DateOnly(2026, 12, 31)));
    }

    internal static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
