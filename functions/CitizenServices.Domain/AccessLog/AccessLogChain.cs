namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// The hash chain of a principal's access log: each entry's hash covers its own fields and the previous entry's hash,
/// so changing, removing or reordering an entry breaks the chain from that point on.
/// </summary>
/// <remarks>
/// The chain makes tampering evident; it does not make it impossible. Someone with write access to the table can rewrite
/// every entry from the altered one onwards, and the head, with freshly computed hashes. That is caught by the heads
/// anchored in immutable storage (<see cref="AccessLogAnchors"/>), from the next anchoring on.
/// </remarks>
public static class AccessLogChain
{
    public const int CurrentFormatVersion = 1;

    // The header names the format and version, so bytes of different versions can never be equal.
    private const string HeaderV1 = "helsenorge-citizen-services/access-log-entry/v1\n";

    // Throws on a lone surrogate instead of replacing it: two different strings must never serialize alike.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsSupported(int formatVersion) => formatVersion == CurrentFormatVersion;

    /// <summary>The entry that follows <paramref name="head"/> (null: the principal's first entry).</summary>
    public static AccessLogEntry Next(
        NationalIdentityNumber principal, AccessLogHead? head, AccessLogDraft draft, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        _ = principal.Value; // a default (unparsed) number has no value: fail here, not halfway through hashing

        var utc = occurredAt.ToUniversalTime();
        var unhashed = new AccessLogEntry
        {
            Principal = principal,
            Sequence = checked((head?.Sequence ?? 0) + 1),
            FormatVersion = CurrentFormatVersion,
            // Milliseconds: every store and JSON serializer on the way round-trips them exactly, so a stored entry
            // hashes to the same value it was appended with.
            OccurredAt = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Actor = draft.Actor,
            Basis = draft.Basis,
            Action = draft.Action,
            Resource = draft.Resource,
            CorrelationId = draft.CorrelationId,
            Channel = draft.Channel,
            PreviousHash = head?.Hash ?? AccessLogHash.Genesis,
            Hash = AccessLogHash.Genesis,
        };
        return unhashed with { Hash = ComputeHash(unhashed) };
    }

    /// <summary>The head after <paramref name="entry"/> has been appended.</summary>
    public static AccessLogHead HeadAfter(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AccessLogHead(entry.Sequence, entry.Hash);
    }

    /// <summary>SHA-256 of <see cref="Canonicalize"/>; <see cref="AccessLogEntry.Hash"/> itself is not part of it.</summary>
    /// <exception cref="NotSupportedException">The entry's format version is unknown.</exception>
    public static AccessLogHash ComputeHash(AccessLogEntry entry) => AccessLogHash.Of(Canonicalize(entry));

    /// <summary>
    /// The bytes that are hashed (format version 1): a header line, then one line per field in a fixed order,
    /// <c>name=&lt;UTF-8 byte length&gt;:&lt;value&gt;</c>, or <c>name=~</c> for an absent value. The length prefix
    /// keeps the encoding unambiguous whatever a value contains. Resource ids follow their count, ordered by name.
    /// Enum values are written by their stable names (<see cref="AccessLogNames"/>), numbers and times in invariant
    /// culture, the time as UTC with seven fractional digits.
    /// </summary>
    /// <remarks>Any change to these bytes must be a new format version: stored hashes depend on them.</remarks>
    /// <exception cref="NotSupportedException">The entry's format version is unknown.</exception>
    public static byte[] Canonicalize(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsSupported(entry.FormatVersion))
        {
            throw new NotSupportedException($"Access log entry format version {entry.FormatVersion} is not supported.");
        }

        var text = new StringBuilder(HeaderV1, 1024);
        Field(text, "principal", entry.Principal.Value);
        Field(text, "sequence", entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, "previous-hash", entry.PreviousHash.Hex);
        Field(text, "occurred-at",
            entry.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Field(text, "actor.kind", AccessLogNames.Of(entry.Actor.Kind));
        Field(text, "actor.id", entry.Actor.Id);
        Field(text, "basis.kind", entry.Basis.Kind);
        Field(text, "basis.relation-id", entry.Basis.RelationId);
        Field(text, "action.kind", AccessLogNames.Of(entry.Action.Kind));
        Field(text, "action.operation", entry.Action.Operation);
        Field(text, "resource.template", entry.Resource.Template);
        Field(text, "resource.ids", entry.Resource.Ids.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in entry.Resource.Ids)
        {
            Field(text, "resource.id.name", name);
            Field(text, "resource.id.value", value);
        }

        Field(text, "correlation-id", entry.CorrelationId);
        Field(text, "channel", entry.Channel);
        return StrictUtf8.GetBytes(text.ToString());
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append('=');
        if (value is null)
        {
            text.Append("~\n");
            return;
        }

        text.Append(StrictUtf8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }
}
