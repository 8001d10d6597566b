namespace CitizenServices.Infrastructure.Consent;

/// <summary>
/// Table layout (docs/consent.md, "Storage"). <c>consent</c>, partition = the person: <c>d|{definitionId}</c> the current
/// decision, <c>h|{definitionId}|{sequence:D10}</c> one row per decision ever made, and the outbox rows.
/// <c>consentbydefinition</c>, partition = the definition, RowKey = the person: what the current decision says, with
/// <c>Active</c>, <c>Major</c> and <c>ExpiresAt</c> for a server-side filter.
/// </summary>
internal static class ConsentRows
{
    public const string CurrentPrefix = "d|";
    public const string HistoryPrefix = "h|";

    /// <summary>"No end date" as a value the service can compare: the latest instant Table Storage stores.</summary>
    public static readonly DateTimeOffset NoExpiry = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static string CurrentRowKey(string definitionId) => CurrentPrefix + definitionId;

    public static string HistoryPrefixOf(string definitionId) => $"{HistoryPrefix}{definitionId}|";

    public static TableEntity Current(NationalIdentityNumber person, ConsentDecision decision) =>
        Write(new TableEntity(person.Value, CurrentRowKey(decision.DefinitionId)), decision);

    public static TableEntity History(NationalIdentityNumber person, ConsentDecision decision) =>
        Write(new TableEntity(person.Value, HistoryPrefixOf(decision.DefinitionId) + decision.Sequence.ToString("D10", CultureInfo.InvariantCulture)), decision);

    public static TableEntity Index(NationalIdentityNumber person, ConsentDecision decision)
    {
        var row = Write(new TableEntity(decision.DefinitionId, person.Value), decision);
        row[Properties.Active] = decision.IsAffirmative;
        row[Properties.Major] = decision.Version.Major;
        row[Properties.ExpiresAt] = decision.ExpiresAt ?? NoExpiry;
        return row;
    }

    /// <summary>The decision a row holds, or null when the row is malformed.</summary>
    public static ConsentDecision? Read(TableEntity row, string definitionId)
    {
        if (!ConsentChoices.TryParse(row.GetString(Properties.Choice), out var choice)
            || !ConsentVersion.TryParse(row.GetString(Properties.Version), out var version)
            || row.GetDateTimeOffset(Properties.DecidedAt) is not { } decidedAt
            || !NationalIdentityNumber.TryParse(row.GetString(Properties.DecidedBy), out var decidedBy)
            || row.GetInt64(Properties.Sequence) is not { } sequence
            || row.GetString(Properties.TextSha256) is not { } sha)
        {
            return null;
        }

        DateOnly? validTo = null;
        if (row.GetString(Properties.ValidTo) is { } rawValidTo)
        {
            if (!DateOnly.TryParseExact(rawValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return null;
            }

            validTo = parsed;
        }

        return new ConsentDecision(
            definitionId, choice, version, sha, decidedAt, validTo, decidedBy, new BasisKind(row.GetString(Properties.Basis) ?? "self"),
            row.GetString(Properties.RelationId) ?? "self", sequence);
    }

    public static long? SequenceOf(TableEntity row) => row.GetInt64(Properties.Sequence);

    /// <summary>
    /// People after <paramref name="after"/> in <paramref name="definitionId"/>'s index whose decision is in force at
    /// <paramref name="now"/> on major version <paramref name="major"/>: every condition is evaluated by the service, so a
    /// page costs one range query of one partition.
    /// </summary>
    public static string ActiveFilter(string definitionId, int major, DateTimeOffset now, string? after) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {definitionId} and RowKey gt {after ?? string.Empty} and Active eq {true} and Major eq {major} and ExpiresAt gt {now}");

    private static TableEntity Write(TableEntity row, ConsentDecision decision)
    {
        row[Properties.Choice] = decision.Choice.Name();
        row[Properties.Version] = decision.Version.ToString();
        row[Properties.TextSha256] = decision.TextSha256;
        row[Properties.DecidedAt] = decision.DecidedAt;
        row[Properties.ValidTo] = decision.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        row[Properties.DecidedBy] = decision.DecidedBy.Value;
        row[Properties.Basis] = decision.Basis.Value;
        row[Properties.RelationId] = decision.RelationId;
        row[Properties.Sequence] = decision.Sequence;
        return row;
    }

    private static class Properties
    {
        public const string Choice = "Choice";
        public const string Version = "Version";
        public const string TextSha256 = "TextSha256";
        public const string DecidedAt = "DecidedAt";
        public const string ValidTo = "ValidTo";
        public const string DecidedBy = "DecidedBy";
        public const string Basis = "Basis";
        public const string RelationId = "RelationId";
        public const string Sequence = "Sequence";
        public const string Active = "Active";
        public const string Major = "Major";
        public const string ExpiresAt = "ExpiresAt";
    }
}
