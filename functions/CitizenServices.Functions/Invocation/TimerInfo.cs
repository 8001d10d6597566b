namespace CitizenServices.Functions.Invocation;

/// <summary>A timer trigger invocation: <c>Data.&lt;binding&gt; = { Schedule, ScheduleStatus, IsPastDue }</c>.</summary>
/// <param name="Schedule">
/// The schedule as the host describes it: usually an object such as <c>{"AdjustForDST":true}</c> (kept as
/// JSON text), or an expression string. For diagnostics only; the schedule itself lives in function.json.
/// </param>
/// <param name="ScheduleStatus">Null when the host keeps no schedule monitor (e.g. no storage configured).</param>
/// <param name="IsPastDue">True when this run is later than scheduled, e.g. after a restart.</param>
public sealed record TimerInfo(string? Schedule, TimerScheduleStatus? ScheduleStatus, bool IsPastDue)
{
    internal static TimerInfo Read(PayloadValue data)
    {
        var timer = data.AsObject();

        string? schedule = null;
        if (timer.TryGetProperty("Schedule", out var scheduleValue) && !scheduleValue.IsMissingOrNull)
        {
            var decoded = PayloadValue.DecodeEmbeddedJson(scheduleValue.Element);
            schedule = decoded.ValueKind == System.Text.Json.JsonValueKind.String
                ? decoded.GetString()
                : System.Text.Json.JsonSerializer.Serialize(decoded);
        }

        TimerScheduleStatus? status = null;
        if (timer.TryGetProperty("ScheduleStatus", out var statusValue) && !statusValue.IsMissingOrNull)
        {
            var statusObject = statusValue.AsObject();
            status = new TimerScheduleStatus(
                Timestamp(statusObject, "Last"),
                Timestamp(statusObject, "Next"),
                Timestamp(statusObject, "LastUpdated"));
        }

        var isPastDue = timer.TryGetProperty("IsPastDue", out var pastDue) && (pastDue.GetBoolean() ?? false);
        return new TimerInfo(schedule, status, isPastDue);
    }

    private static DateTimeOffset? Timestamp(PayloadValue status, string name) =>
        status.TryGetProperty(name, out var value) ? value.GetTimestamp() : null;
}

/// <param name="Last">The previous scheduled occurrence.</param>
/// <param name="Next">The next scheduled occurrence after this one.</param>
/// <param name="LastUpdated">When the host last recorded the status.</param>
public sealed record TimerScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);
