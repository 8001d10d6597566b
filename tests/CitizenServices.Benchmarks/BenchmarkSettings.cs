namespace CitizenServices.Benchmarks;

/// <summary>Command-line settings; every loop is bounded by them.</summary>
internal sealed class BenchmarkSettings
{
    public int Repetitions { get; private init; } = 3;

    public int WriterConcurrency { get; private init; } = 8;

    /// <summary>host.json's serviceBus.maxConcurrentCalls.</summary>
    public int ConfirmConcurrency { get; private init; } = 16;

    /// <summary>The production defaults, as the handler runs with them.</summary>
    public OutboxOptions Outbox { get; } = new();

    public double Rate { get; private init; } = 5;

    public TimeSpan Seconds { get; private init; } = TimeSpan.FromSeconds(30);

    public int EndToEndPartitions { get; private init; } = 50;

    public TimeSpan PollInterval { get; private init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ConfirmPollInterval { get; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan DrainTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Bookings per measured round of the booking benchmark, each a distinct citizen and slot.</summary>
    public int BookingRequests { get; private init; } = 400;

    /// <summary>Booking requests in flight at once.</summary>
    public int BookingConcurrency { get; private init; } = 16;

    public bool RelayOnly { get; private init; }

    public bool EndToEndOnly { get; private init; }

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name)
                {
                    return args[i + 1];
                }
            }

            return null;
        }

        double Number(string name, double fallback, double min, double max) =>
            Value(name) is { } text ? Math.Clamp(double.Parse(text, CultureInfo.InvariantCulture), min, max) : fallback;

        return new BenchmarkSettings
        {
            Repetitions = (int)Number("--reps", 3, 1, 10),
            Rate = Number("--rate", 5, 0.5, 50),
            Seconds = TimeSpan.FromSeconds(Number("--seconds", 30, 5, 120)),
            PollInterval = TimeSpan.FromMilliseconds(Number("--poll-ms", 100, 10, 5_000)),
            BookingRequests = (int)Number("--requests", 400, 20, 2_000),
            BookingConcurrency = (int)Number("--concurrency", 16, 1, 128),
        };
    }
}
