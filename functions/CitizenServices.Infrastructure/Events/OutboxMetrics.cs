using System.Diagnostics.Metrics;

namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// The outbox's instruments on the app's meter <see cref="MeterName"/> (register it with OpenTelemetry to export).
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "CitizenServices";
    public const string OldestPendingAgeName = "citizen_services.outbox.oldest_pending_age_seconds";

    private readonly Gauge<double> _oldestPendingAge;

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _oldestPendingAge = meter.CreateGauge<double>(
            OldestPendingAgeName,
            unit: "s",
            description: "Age of the oldest committed outbox event the last sweep saw and left unsent (0 when none). Above a few minutes, events are stuck: Service Bus or storage is failing.");
    }

    public void RecordOldestPendingAge(TimeSpan age) => _oldestPendingAge.Record(Math.Max(0, age.TotalSeconds));
}
