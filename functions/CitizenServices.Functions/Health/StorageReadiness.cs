using Microsoft.Extensions.Options;

namespace CitizenServices.Functions.Health;

/// <summary>Configuration section <c>Health</c>: how often readiness probes storage and how old an answer may be.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>A cached probe older than this is refreshed in the background while the cached answer is served.</summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The oldest answer readiness gives without waiting: older (or none yet, as on a fresh instance) and the request
    /// waits for the one probe in flight, bounded by <see cref="ProbeTimeout"/>.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long each storage service may take to answer the probe before it counts as unreachable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>A probe's result and when it was taken.</summary>
public sealed record StorageReadinessReport(StorageHealth Storage, DateTimeOffset CheckedAt);

/// <summary>
/// Readiness from a cached storage probe (stale-while-revalidate): a request is answered from the last probe, and a probe
/// older than <see cref="HealthOptions.RefreshAfter"/> is refreshed in the background by one probe at a time, whatever
/// the number of requests. So readiness costs no storage call per request, a burst of traffic cannot queue health checks
/// behind it, and the answer is never older than <see cref="HealthOptions.MaxStaleness"/>.
/// </summary>
/// <remarks>
/// Refreshed on demand rather than by a timer: on Flex Consumption an idle instance should make no storage calls of its
/// own, and the first request after idling waits for one fresh probe instead of being told something a minute old.
/// </remarks>
public sealed class StorageReadiness(StorageClients clients, IOptions<HealthOptions> options, TimeProvider time)
{
    private readonly HealthOptions _options = options.Value;
    private readonly StorageHealthProbe _probe = new(clients, options.Value.ProbeTimeout);
    private readonly Lock _gate = new();
    private StorageReadinessReport? _last;
    private Task<StorageReadinessReport>? _refreshing;

    public async Task<StorageReadinessReport> GetAsync(CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _last);
        var now = time.GetUtcNow();
        if (last is not null && now - last.CheckedAt <= _options.MaxStaleness)
        {
            if (now - last.CheckedAt > _options.RefreshAfter)
            {
                _ = Refresh();
            }

            return last;
        }

        return await Refresh().WaitAsync(cancellationToken);
    }

    /// <summary>The probe in flight, or a new one: never more than one at a time.</summary>
    private Task<StorageReadinessReport> Refresh()
    {
        lock (_gate)
        {
            // A probe that finished without yielding cleared the field before it was set: never reuse a finished one.
            if (_refreshing is { IsCompleted: true })
            {
                _refreshing = null;
            }

            return _refreshing ??= ProbeAsync();
        }
    }

    private async Task<StorageReadinessReport> ProbeAsync()
    {
        try
        {
            // Not the request's token: the probe outlives the request that started it and serves the next ones.
            var health = await _probe.CheckAsync(CancellationToken.None).ConfigureAwait(false);
            var report = new StorageReadinessReport(health, time.GetUtcNow());
            Volatile.Write(ref _last, report);
            return report;
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }
}
