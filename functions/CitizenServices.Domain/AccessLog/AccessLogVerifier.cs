namespace CitizenServices.Domain.AccessLog;

/// <summary>Checks a principal's chain and reports every problem found, not just the first.</summary>
public static class AccessLogVerifier
{
    /// <summary>
    /// Verifies <paramref name="entries"/>, given in the order they are stored (which must be ascending sequence),
    /// against <paramref name="head"/> (null when no head was found).
    /// </summary>
    public static AccessLogVerification Verify(IReadOnlyList<AccessLogEntry> entries, AccessLogHead? head)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<AccessLogProblem>();

        CheckEachEntry(entries, problems);
        CheckOrder(entries, problems);

        // Links and gaps are checked in sequence order, so a swap is reported once as Reordered and not again as
        // a gap plus broken links.
        var ordered = entries.Where(e => e.Sequence >= 1).OrderBy(e => e.Sequence).ToList();
        var newest = CheckLinks(ordered, problems);
        CheckHead(newest, head, entries.Count > 0, problems);

        return new AccessLogVerification(problems, entries.Count, head?.Sequence);
    }

    private static void CheckEachEntry(IReadOnlyList<AccessLogEntry> entries, List<AccessLogProblem> problems)
    {
        var principal = entries.Count > 0 ? entries[0].Principal : default;
        foreach (var entry in entries)
        {
            if (entry.Principal != principal)
            {
                problems.Add(Single(AccessLogProblemKind.ForeignEntry, entry.Sequence,
                    "The entry belongs to another person's log."));
            }

            if (entry.Sequence < 1)
            {
                problems.Add(Single(AccessLogProblemKind.AlteredEntry, entry.Sequence,
                    "The entry's sequence number is not positive."));
                continue;
            }

            if (!AccessLogChain.IsSupported(entry.FormatVersion))
            {
                problems.Add(Single(AccessLogProblemKind.UnknownFormat, entry.Sequence,
                    $"The entry has format version {entry.FormatVersion}, which this service cannot check."));
                continue;
            }

            if (!HashMatches(entry))
            {
                problems.Add(Single(AccessLogProblemKind.AlteredEntry, entry.Sequence,
                    "The entry's content does not match its hash: it was changed after it was written."));
            }
        }
    }

    private static bool HashMatches(AccessLogEntry entry)
    {
        try
        {
            return AccessLogChain.ComputeHash(entry) == entry.Hash;
        }
        catch (System.Text.EncoderFallbackException)
        {
            // Only text written around the validating constructors can fail to encode; it was not written by us.
            return false;
        }
    }

    private static void CheckOrder(IReadOnlyList<AccessLogEntry> entries, List<AccessLogProblem> problems)
    {
        long highest = long.MinValue;
        foreach (var entry in entries)
        {
            if (entry.Sequence < highest)
            {
                problems.Add(Single(AccessLogProblemKind.Reordered, entry.Sequence,
                    $"The entry is stored after entry {highest}: entries were moved or swapped."));
            }
            else if (entry.Sequence == highest)
            {
                problems.Add(Single(AccessLogProblemKind.DuplicateSequence, entry.Sequence,
                    "More than one entry has this sequence number."));
            }

            highest = Math.Max(highest, entry.Sequence);
        }
    }

    /// <returns>The newest entry in sequence order, or null when there is none.</returns>
    private static AccessLogEntry? CheckLinks(List<AccessLogEntry> ordered, List<AccessLogProblem> problems)
    {
        AccessLogEntry? previous = null;
        foreach (var entry in ordered)
        {
            var expected = (previous?.Sequence ?? 0) + 1;
            if (previous is not null && entry.Sequence == previous.Sequence)
            {
                continue; // already reported as a duplicate
            }

            if (entry.Sequence > expected)
            {
                problems.Add(new AccessLogProblem(AccessLogProblemKind.RemovedEntries, expected, entry.Sequence - 1,
                    expected == entry.Sequence - 1
                        ? $"Entry {expected} is missing."
                        : $"Entries {expected} to {entry.Sequence - 1} are missing."));
            }
            else if (entry.PreviousHash != (previous?.Hash ?? AccessLogHash.Genesis))
            {
                problems.Add(Single(AccessLogProblemKind.BrokenLink, entry.Sequence, previous is null
                    ? "The first entry does not start the chain: earlier entries were removed."
                    : $"The entry does not follow entry {previous.Sequence}: an entry was replaced or removed before it."));
            }

            previous = entry;
        }

        return previous;
    }

    private static void CheckHead(AccessLogEntry? newest, AccessLogHead? head, bool anyEntries, List<AccessLogProblem> problems)
    {
        var newestSequence = newest?.Sequence ?? 0;
        if (head is null)
        {
            if (anyEntries)
            {
                problems.Add(Single(AccessLogProblemKind.MissingHead, newestSequence,
                    "The log has entries but no head, so removal of the newest entries cannot be ruled out."));
            }

            return;
        }

        if (head.Sequence > newestSequence)
        {
            problems.Add(new AccessLogProblem(AccessLogProblemKind.RemovedNewestEntries, newestSequence + 1, head.Sequence,
                newestSequence + 1 == head.Sequence
                    ? $"The newest entry ({head.Sequence}) is missing."
                    : $"The newest entries ({newestSequence + 1} to {head.Sequence}) are missing."));
        }
        else if (head.Sequence < newestSequence)
        {
            problems.Add(new AccessLogProblem(AccessLogProblemKind.HeadMismatch, head.Sequence + 1, newestSequence,
                $"Entries after the head ({head.Sequence}) exist: they were added outside the log."));
        }
        else if (newest is not null && head.Hash != newest.Hash)
        {
            problems.Add(Single(AccessLogProblemKind.HeadMismatch, newestSequence,
                "The newest entry is not the one the head records: it was replaced."));
        }
    }

    private static AccessLogProblem Single(AccessLogProblemKind kind, long sequence, string description) =>
        new(kind, sequence, sequence, description);
}
