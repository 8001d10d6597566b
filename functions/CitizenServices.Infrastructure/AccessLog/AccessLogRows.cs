using System.Buffers.Text;

namespace CitizenServices.Infrastructure.AccessLog;

/// <summary>
/// The storage layout of the access log (see README.md next to this file): one partition per principal holding a
/// head row and the entry rows, whose keys sort newest first.
/// </summary>
internal static class AccessLogRows
{
    public const string HeadRowKey = "head";

    // Every entry key is "e" + 19 digits, so all of them sort within ("e", "f") and apart from the head.
    public const string EntryKeyPrefix = "e";
    public const string EntryKeyRangeEnd = "f";
    private const int EntryKeyDigits = 19;

    public static class Properties
    {
        public const string Sequence = "Sequence";
        public const string FormatVersion = "FormatVersion";
        public const string OccurredAt = "OccurredAt";
        public const string ActorKind = "ActorKind";
        public const string ActorId = "ActorId";
        public const string BasisKind = "BasisKind";
        public const string BasisRelationId = "BasisRelationId";
        public const string AccessKind = "AccessKind";
        public const string Operation = "Operation";
        public const string ResourceTemplate = "ResourceTemplate";
        public const string ResourceIds = "ResourceIds";
        public const string CorrelationId = "CorrelationId";
        public const string Channel = "Channel";
        public const string PreviousHash = "PreviousHash";
        public const string Hash = "Hash";
    }

    /// <summary>The same partition scheme as the principal's other data: the full number, which never leaves storage.</summary>
    public static string PartitionKey(NationalIdentityNumber principal) => principal.Value;

    /// <summary>Inverted and zero-padded, so an ascending RowKey scan (the only order Table Storage has) is newest first.</summary>
    public static string EntryRowKey(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return EntryKeyPrefix + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
    }

    public static bool TryParseEntryRowKey(string? rowKey, out long sequence)
    {
        sequence = 0;
        if (rowKey is not { Length: EntryKeyDigits + 1 } || !rowKey.StartsWith(EntryKeyPrefix, StringComparison.Ordinal)
            || rowKey.AsSpan(1).ContainsAnyExceptInRange('0', '9')
            || !long.TryParse(rowKey.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            || inverted == long.MaxValue)
        {
            return false;
        }

        sequence = long.MaxValue - inverted;
        return true;
    }

    public static TableEntity ToRow(AccessLogEntry entry)
    {
        var row = new TableEntity(PartitionKey(entry.Principal), EntryRowKey(entry.Sequence))
        {
            [Properties.Sequence] = entry.Sequence,
            [Properties.FormatVersion] = entry.FormatVersion,
            [Properties.OccurredAt] = entry.OccurredAt,
            [Properties.ActorKind] = AccessLogNames.Of(entry.Actor.Kind),
            [Properties.ActorId] = entry.Actor.Id,
            [Properties.BasisKind] = entry.Basis.Kind,
            [Properties.AccessKind] = AccessLogNames.Of(entry.Action.Kind),
            [Properties.Operation] = entry.Action.Operation,
            [Properties.ResourceTemplate] = entry.Resource.Template,
            [Properties.ResourceIds] = JsonSerializer.Serialize(entry.Resource.Ids),
            [Properties.CorrelationId] = entry.CorrelationId,
            [Properties.Channel] = entry.Channel,
            [Properties.PreviousHash] = entry.PreviousHash.Hex,
            [Properties.Hash] = entry.Hash.Hex,
        };
        if (entry.Basis.RelationId is not null)
        {
            row[Properties.BasisRelationId] = entry.Basis.RelationId;
        }

        return row;
    }

    public static TableEntity ToHeadRow(NationalIdentityNumber principal, AccessLogHead head) =>
        new(PartitionKey(principal), HeadRowKey)
        {
            [Properties.Sequence] = head.Sequence,
            [Properties.Hash] = head.Hash.Hex,
        };

    public static AccessLogHead? TryReadHead(TableEntity row) =>
        row.TryGetValue(Properties.Sequence, out var sequence) && sequence is long s && s >= 1
        && AccessLogHash.TryParse(row.TryGetValue(Properties.Hash, out var hash) ? hash as string : null, out var h)
            ? new AccessLogHead(s, h!)
            : null;

    /// <summary>
    /// Reads an entry row written by <see cref="ToRow"/>. The principal comes from the partition the row is in, not
    /// from the row, so a row copied from another person's log fails its hash check here.
    /// </summary>
    /// <returns>Null, with the reason, when the row cannot be an entry (missing or mistyped properties).</returns>
    public static AccessLogEntry? TryReadEntry(NationalIdentityNumber principal, TableEntity row, out string? problem)
    {
        try
        {
            problem = null;
            if (!AccessLogNames.TryParseActorKind(String(row, Properties.ActorKind), out var actorKind)
                || !AccessLogNames.TryParseAccessKind(String(row, Properties.AccessKind), out var accessKind))
            {
                problem = "The actor kind or access kind is not one this service writes.";
                return null;
            }

            if (!AccessLogHash.TryParse(String(row, Properties.PreviousHash), out var previousHash)
                || !AccessLogHash.TryParse(String(row, Properties.Hash), out var hash))
            {
                problem = "A hash property is missing or malformed.";
                return null;
            }

            var ids = JsonSerializer.Deserialize<Dictionary<string, string>>(String(row, Properties.ResourceIds) ?? "null");
            return new AccessLogEntry
            {
                Principal = principal,
                Sequence = Required<long>(row, Properties.Sequence),
                FormatVersion = Required<int>(row, Properties.FormatVersion),
                OccurredAt = Time(row, Properties.OccurredAt),
                Actor = AccessLogActor.Create(actorKind, Required<string>(row, Properties.ActorId)),
                Basis = new AccessLogBasis(Required<string>(row, Properties.BasisKind), String(row, Properties.BasisRelationId)),
                Action = new AccessLogAction(accessKind, Required<string>(row, Properties.Operation)),
                Resource = new AccessLogResource(Required<string>(row, Properties.ResourceTemplate),
                    ids ?? throw new FormatException("The resource ids are missing.")),
                CorrelationId = Required<string>(row, Properties.CorrelationId),
                Channel = Required<string>(row, Properties.Channel),
                PreviousHash = previousHash!,
                Hash = hash!,
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException or InvalidCastException)
        {
            // The message names a property or rule, never a value: values may hold identity numbers.
            problem = $"The row cannot be read as an entry ({ex.GetType().Name}).";
            return null;
        }
    }

    /// <summary>The opaque continuation token for a page that ended at <paramref name="rowKey"/>.</summary>
    public static string EncodeToken(string rowKey) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(rowKey));

    /// <summary>The entry RowKey a token stands for; false for anything this service did not issue.</summary>
    public static bool TryDecodeToken(string token, out string rowKey, out long sequence)
    {
        rowKey = string.Empty;
        sequence = 0;
        // A valid token is 27 characters; refusing long input early bounds the work done on hostile tokens.
        if (token.Length > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        if (!Ascii.IsValid(bytes))
        {
            return false;
        }

        var candidate = Encoding.ASCII.GetString(bytes);
        if (!TryParseEntryRowKey(candidate, out sequence) || !string.Equals(EncodeToken(candidate), token, StringComparison.Ordinal))
        {
            return false;
        }

        rowKey = candidate;
        return true;
    }

    private static string? String(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) ? value as string ?? throw new FormatException($"{name} is not a string.") : null;

    private static T Required<T>(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value is T typed
            ? typed
            : throw new FormatException($"{name} is missing or not a {typeof(T).Name}.");

    private static DateTimeOffset Time(TableEntity row, string name) => row.TryGetValue(name, out var value)
        ? value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
            _ => throw new FormatException($"{name} is not a UTC time."),
        }
        : throw new FormatException($"{name} is missing.");
}
