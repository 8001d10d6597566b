namespace CitizenServices.IntegrationTests.Invocation;

public sealed class TimerInvocationTests
{
    [Fact]
    public async Task ReadTimer_WhenScheduleStatusPresent_ReadsStatusAndSchedule()
    {
        var request = await GoldenPayloads.ReadAsync("timer.json", "OutboxRelay");

        var timer = request.ReadTimer("timer");

        Assert.False(timer.IsPastDue);
        Assert.Equal("""{"AdjustForDST":true}""", timer.Schedule);
        Assert.NotNull(timer.ScheduleStatus);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero), timer.ScheduleStatus.Last);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 5, 0, TimeSpan.Zero), timer.ScheduleStatus.Next);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero).AddTicks(412345), timer.ScheduleStatus.LastUpdated);
        Assert.Equal("OutboxRelay", request.ReadSys()?.MethodName);
    }

    [Fact]
    public async Task ReadTimer_WhenScheduleStatusNull_ReturnsNullStatusAndPastDue()
    {
        var request = await GoldenPayloads.ReadAsync("timer-without-schedule-status.json", "OutboxRelay");

        var timer = request.ReadTimer("timer");

        Assert.True(timer.IsPastDue);
        Assert.Null(timer.ScheduleStatus);
    }

    [Fact]
    public async Task ReadTimer_WhenTimerSentAsJsonString_DecodesItAndTreatsBareTimesAsUtc()
    {
        var request = await GoldenPayloads.ReadAsync("timer-json-encoded.json", "OutboxRelay");

        var timer = request.ReadTimer("timer");

        Assert.False(timer.IsPastDue);
        Assert.NotNull(timer.ScheduleStatus);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 9, 0, 0, TimeSpan.Zero), timer.ScheduleStatus.Last);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.Zero), timer.ScheduleStatus.Next);
    }
}
