using System.Diagnostics.Metrics;

namespace CitizenServices.Application.PopulationRegister.Feed;

/// <summary>
/// The gauge <c>citizen_services.register.feed_lag_seconds</c> (meter <c>CitizenServices</c>): how far the replica may be
/// behind the register. While the follower is working through new events it is now minus the register's timestamp
/// (ajourholdstidspunkt) of the last event applied; once a poll finds nothing new it is now minus the time of that
/// successful poll, so the value keeps growing whenever the follower stops succeeding, whether or not the register has
/// anything new. No value before this instance's first successful run.
/// </summary>
public sealed class RegisterFeedLag : IDisposable
{
    public const string MeterName = "CitizenServices";
    public const string InstrumentName = "citizen_services.register.feed_lag_seconds";

    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;

    public RegisterFeedLag(TimeProvider time, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge(InstrumentName, Observe, unit: "s", description: "Register feed lag: now minus the last applied event's register timestamp, or minus the last successful poll when nothing was new.");
    }

    /// <summary>The lag now, or null before the first successful run.</summary>
    public double? Seconds
    {
        get
        {
            lock (_gate)
            {
                return _since is { } since ? Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds) : null;
            }
        }
    }

    public void Applied(DateTimeOffset lastEventRecordedAt, DateTimeOffset now)
    {
        lock (_gate)
        {
            _since = lastEventRecordedAt <= now ? lastEventRecordedAt : now;
        }
    }

    public void CaughtUp(DateTimeOffset polledAt)
    {
        lock (_gate)
        {
            _since = polledAt;
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Observe() => Seconds is { } seconds ? [new Measurement<double>(seconds)] : [];
}
