namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// A chain head written outside the access-log table, to storage nobody can overwrite or delete (WORM): entry
/// <see cref="Sequence"/> had hash <see cref="Hash"/> at <see cref="AnchoredAt"/>. Whoever can write the table can recompute
/// every hash from an altered entry onwards, head included; they cannot change an anchor. So the table is checked
/// against every anchor of the chain, and a rewrite or truncation of anything anchored is found.
/// </summary>
public sealed record AccessLogAnchor(long Sequence, AccessLogHash Hash, DateTimeOffset AnchoredAt);

public static class AccessLogAnchors
{
    private const string ChainIdHeaderV1 = "helsenorge-citizen-services/access-log-anchor/v1\n";

    /// <summary>
    /// The name a principal's anchors are filed under: SHA-256 of a fixed header and the number, so anchor names carry no
    /// identity number. It is a pseudonym, not anonymity (the number space is small enough to search); the anchors sit in
    /// the same storage account, behind the same access control, as the log itself.
    /// </summary>
    public static string ChainId(NationalIdentityNumber principal) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ChainIdHeaderV1 + principal.Value)));

    /// <summary>
    /// What the stored entries (any order) contradict of the anchors: an anchored entry that is gone (the log was cut back)
    /// or has another hash (the log was rewritten).
    /// </summary>
    public static IReadOnlyList<AccessLogProblem> Check(IReadOnlyList<AccessLogEntry> entries, IReadOnlyList<AccessLogAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(anchors);
        var bySequence = new Dictionary<long, AccessLogEntry>();
        foreach (var entry in entries)
        {
            bySequence.TryAdd(entry.Sequence, entry);
        }

        var problems = new List<AccessLogProblem>();
        foreach (var anchor in anchors.OrderBy(a => a.Sequence))
        {
            var when = anchor.AnchoredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            if (!bySequence.TryGetValue(anchor.Sequence, out var entry))
            {
                problems.Add(new AccessLogProblem(AccessLogProblemKind.AnchorMismatch, anchor.Sequence, anchor.Sequence,
                    $"Entry {anchor.Sequence}, anchored {when} UTC, is missing: the log was cut back after it was anchored."));
            }
            else if (entry.Hash != anchor.Hash)
            {
                problems.Add(new AccessLogProblem(AccessLogProblemKind.AnchorMismatch, anchor.Sequence, anchor.Sequence,
                    $"Entry {anchor.Sequence} no longer has the hash anchored {when} UTC: the log was rewritten up to it."));
            }
        }

        return problems;
    }
}
