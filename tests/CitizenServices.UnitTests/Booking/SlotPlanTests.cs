using CitizenServices.Domain.Booking;

namespace CitizenServices.UnitTests.Booking;

/// <summary>Slots planned in Europe/Oslo wall-clock time land on the right instants on the daylight-saving change days.</summary>
public sealed class SlotPlanTests
{
    private static string[] OsloStarts(SlotPlan plan) =>
        plan.Expand().Select(s => NorwegianTime.ToOslo(s.Start).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Expand_OverTheSpringChange_KeepsTheLocalTimeAndMovesUtcAnHourEarlier()
    {
        var plan = new SlotPlan(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29), new TimeOnly(12, 0), new TimeOnly(13, 0), TimeSpan.FromMinutes(30), SlotChannel.Video);

        var slots = plan.Expand();

        Assert.Equal(["2026-03-28 12:00 +01:00", "2026-03-28 12:30 +01:00", "2026-03-29 12:00 +02:00", "2026-03-29 12:30 +02:00"], OsloStarts(plan));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 11, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero), slots[2].Start);
    }

    [Fact]
    public void Expand_OverTheAutumnChange_KeepsTheLocalTimeAndMovesUtcAnHourLater()
    {
        var plan = new SlotPlan(new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 25), new TimeOnly(21, 30), new TimeOnly(22, 0), TimeSpan.FromMinutes(30), SlotChannel.Video);

        Assert.Equal(["2026-10-24 21:30 +02:00", "2026-10-25 21:30 +01:00"], OsloStarts(plan));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 20, 30, 0, TimeSpan.Zero), plan.Expand()[1].Start);
    }

    [Fact]
    public void Expand_ThroughTheNightOfTheSpringChange_HasNoSlotInTheMissingHourAndNoDuplicate()
    {
        var plan = new SlotPlan(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), new TimeOnly(1, 0), new TimeOnly(4, 0), TimeSpan.FromHours(1), SlotChannel.Phone);

        // 01:00 winter time, then 02:00 does not exist (read as 03:00 summer time), then 03:00 summer time again: once.
        Assert.Equal(["2026-03-29 01:00 +01:00", "2026-03-29 03:00 +02:00"], OsloStarts(plan));
    }

    [Fact]
    public void Expand_ThroughTheNightOfTheAutumnChange_OffersTheRepeatedHourOnce()
    {
        var plan = new SlotPlan(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25), new TimeOnly(1, 0), new TimeOnly(4, 0), TimeSpan.FromHours(1), SlotChannel.Phone);

        var slots = plan.Expand();

        Assert.Equal(["2026-10-25 01:00 +02:00", "2026-10-25 02:00 +02:00", "2026-10-25 03:00 +01:00"], OsloStarts(plan));
        Assert.Equal(slots.Count, slots.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Expand_WithParallelSlots_GivesEachStartItsSequenceNumbers()
    {
        var plan = new SlotPlan(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1), new TimeOnly(12, 0), new TimeOnly(12, 20), TimeSpan.FromMinutes(20), SlotChannel.Video, Parallel: 3);

        Assert.Equal(["20260401T1000Z-00", "20260401T1000Z-01", "20260401T1000Z-02"], plan.Expand().Select(s => s.Id).ToArray());
    }

    [Theory]
    [InlineData(2026, 4, 2, 12, 0, 13, 0, 20, 1, "plan.lastDay")]
    [InlineData(2026, 4, 1, 13, 0, 12, 0, 20, 1, "plan.dailyTo")]
    [InlineData(2026, 4, 1, 12, 0, 13, 0, 2, 1, "plan.lengthMinutes")]
    [InlineData(2026, 4, 1, 12, 0, 13, 0, 20, 0, "plan.parallel")]
    public void Validate_WhenAPartIsOutOfRange_NamesTheField(int y, int m, int d, int fromH, int fromM, int toH, int toM, int minutes, int parallel, string field)
    {
        var plan = new SlotPlan(new DateOnly(y, m, d), new DateOnly(2026, 4, 1), new TimeOnly(fromH, fromM), new TimeOnly(toH, toM), TimeSpan.FromMinutes(minutes), SlotChannel.Video, parallel);

        Assert.Equal(field, plan.Validate()?.Field);
    }
}
