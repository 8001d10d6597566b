using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Testing;

/// <summary>Waits for what a host does in the background (a timer, a queue trigger, a sweep) to show.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="done"/> holds, then returns the last value; fails with it (and <paramref name="what"/>) once
    /// <paramref name="timeout"/> (30 s unless given) has passed.
    /// </summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "Condition"} not met in time; last value: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>The log of hosts a test starts in its own process (a LocalHost, the handler's output it relays).</summary>
public static class TestLogging
{
    /// <summary>Warnings and errors only: they show in the test output when a test fails, without drowning it.</summary>
    public static readonly ILoggerFactory Factory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
}
