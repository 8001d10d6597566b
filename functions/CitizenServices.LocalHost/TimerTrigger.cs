using NCrontab;

namespace CitizenServices.LocalHost;

/// <summary>A timerTrigger: six-field NCRONTAB in UTC (or a TimeSpan interval), one invocation at a time.</summary>
internal sealed class TimerTrigger
{
    private readonly FunctionDefinition _function;
    private readonly Func<DateTime, DateTime> _next;
    private readonly HandlerClient _handler;
    private readonly OutputRouter _outputs;
    private readonly ILogger _logger;

    private TimerTrigger(FunctionDefinition function, Func<DateTime, DateTime> next, HandlerClient handler, OutputRouter outputs, ILogger logger)
    {
        _function = function;
        _next = next;
        _handler = handler;
        _outputs = outputs;
        _logger = logger;
    }

    /// <summary>Parses the schedule early so a bad expression fails start, naming the function.</summary>
    public static Func<DateTime, DateTime> ParseSchedule(FunctionDefinition function)
    {
        var expression = function.Trigger.GetString("schedule")!;
        if (expression.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return from => from + interval;
        }

        try
        {
            var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            return schedule.GetNextOccurrence;
        }
        catch (CrontabException ex)
        {
            throw new FunctionAppConfigurationException(
                $"Function '{function.Name}': schedule '{expression}' is not a six-field NCRONTAB expression (seconds first): {ex.Message}", ex);
        }
    }

    public static TimerTrigger Create(FunctionDefinition function, HandlerClient handler, OutputRouter outputs, ILogger logger) =>
        new(function, ParseSchedule(function), handler, outputs, logger);

    public async Task RunAsync(CancellationToken stopping)
    {
        DateTime? last = null;
        try
        {
            if (_function.Trigger.GetBool("runOnStartup"))
            {
                var now = DateTime.UtcNow;
                await FireAsync(now, last, stopping);
                last = now;
            }

            while (!stopping.IsCancellationRequested)
            {
                // Never before the last occurrence: Task.Delay can wake a little early and must not fire twice.
                var from = last is { } l && l > DateTime.UtcNow ? l : DateTime.UtcNow;
                var due = _next(from);
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stopping);
                }

                await FireAsync(due, last, stopping);
                last = due;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task FireAsync(DateTime scheduled, DateTime? last, CancellationToken stopping)
    {
        var now = DateTime.UtcNow;
        var data = new JsonObject
        {
            [_function.Trigger.Name] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject
                {
                    ["Last"] = Iso(last ?? DateTime.MinValue),
                    ["Next"] = Iso(_next(scheduled)),
                    ["LastUpdated"] = Iso(now),
                },
                ["IsPastDue"] = now - scheduled > TimeSpan.FromSeconds(1),
            },
        };
        var metadata = new JsonObject { ["sys"] = Payloads.Sys(_function.Name) };
        try
        {
            var result = await _handler.InvokeAsync(_function.Name, data, metadata, stopping);
            if (result.Succeeded)
            {
                await _outputs.RouteAsync(_function, result, stopping);
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or InvalidOperationException)
        {
            // Timers are not retried without a retry policy; the next occurrence runs as scheduled.
            _logger.LogError(ex, "{Function}: sending timer outputs failed", _function.Name);
        }
    }

    private static string Iso(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
