namespace CitizenServices.Application.Nettlege;

/// <summary>A municipality's current pilot version as read, with the token a conditional save needs.</summary>
public sealed record StoredPilot(NettlegePilotVersion Current, object ConcurrencyToken);

/// <summary>Pilot configurations, one versioned history per municipality.</summary>
public interface INettlegePilotStore
{
    /// <summary>The current version of the municipality's pilot, or null when it has none.</summary>
    Task<StoredPilot?> GetAsync(string municipality, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="version"/> as the current version and keeps it in the history, only if the current version is
    /// still the one read (<paramref name="expected"/>, null when there was none); false when someone else saved first.
    /// </summary>
    Task<bool> SaveAsync(NettlegePilotVersion version, StoredPilot? expected, CancellationToken cancellationToken);

    /// <summary>The current version of every municipality's pilot (one row per municipality; a few hundred at most).</summary>
    Task<IReadOnlyList<NettlegePilotVersion>> ListCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Every stored version of the municipality's pilot, newest first.</summary>
    Task<IReadOnlyList<NettlegePilotVersion>> HistoryAsync(string municipality, CancellationToken cancellationToken);
}
