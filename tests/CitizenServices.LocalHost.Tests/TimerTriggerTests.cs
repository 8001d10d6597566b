using System.Globalization;
using System.Text.Json;

namespace CitizenServices.LocalHost.Tests;

public sealed class TimerTriggerTests
{
    [Fact]
    public async Task TimerTrigger_WhenScheduleIsEverySecond_FiresRepeatedlyWithTimerPayload()
    {
        await using var app = await TestAppHost.StartAsync(settings: new Dictionary<string, string> { ["TickSchedule"] = "*/1 * * * * *" });

        var ticks = await app.WaitForRecordsAsync("/Tick", 2, TimeSpan.FromSeconds(10));

        var timer = ticks[1].Data["timer"]!.AsObject();
        Assert.True(timer["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        var status = timer["ScheduleStatus"]!.AsObject();
        var last = DateTimeOffset.Parse(status["Last"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var next = DateTimeOffset.Parse(status["Next"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(DateTimeOffset.TryParse(status["LastUpdated"]!.GetValue<string>(), CultureInfo.InvariantCulture, out _));
        // Occurrences fall on whole seconds; Last is the previous occurrence and Next the one after this.
        Assert.True(next - last >= TimeSpan.FromSeconds(2), $"{last:O} → {next:O}");
        Assert.Equal(0, (next - last).Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(0, next.Millisecond);
        Assert.Contains(timer["IsPastDue"]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal("Tick", ticks[1].Metadata["sys"]!["MethodName"]!.GetValue<string>());

        // The second invocation names the first one's occurrence as its Last, one schedule step (a second) before the Next the
        // first invocation announced: consecutive occurrences of an every-second schedule, shown by the schedule the host
        // reports rather than by wall-clock gaps, which a loaded machine stretches.
        var first = ticks[0].Data["timer"]!["ScheduleStatus"]!.AsObject();
        var firstNext = DateTimeOffset.Parse(first["Next"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(firstNext - TimeSpan.FromSeconds(1), last);
    }

    [Fact]
    public async Task TimerTrigger_WhenScheduleIsNotSixFieldCron_FailsStartNamingTheFunction()
    {
        var error = await Assert.ThrowsAsync<FunctionAppConfigurationException>(
            () => TestAppHost.StartAsync(settings: new Dictionary<string, string> { ["TickSchedule"] = "*/5 * * * *" }));

        Assert.Contains("'Tick'", error.Message, StringComparison.Ordinal);
        Assert.Contains("*/5 * * * *", error.Message, StringComparison.Ordinal);
    }
}
