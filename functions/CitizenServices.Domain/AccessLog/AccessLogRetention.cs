namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// How long entries are kept: five years from <see cref="AccessLogEntry.OccurredAt"/> (domain rules, "Access log").
/// </summary>
/// <remarks>
/// Nothing deletes entries yet. A cleanup job must remove a principal's entries oldest first (never from the middle,
/// which the verifier reports as removal) and record the sequence and hash of the newest removed entry next to the head,
/// so that verification can start from that checkpoint instead of reporting the pruned entries as missing.
/// </remarks>
public static class AccessLogRetention
{
    public const int Years = 5;

    /// <summary>The first moment at which the entry may be deleted.</summary>
    public static DateTimeOffset KeepUntil(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.OccurredAt.AddYears(Years);
    }
}
