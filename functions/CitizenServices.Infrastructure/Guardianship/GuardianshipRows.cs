using CitizenServices.Domain.Guardianship;

namespace CitizenServices.Infrastructure.Guardianships;

/// <summary>
/// Storage layout (docs/guardianship.md). Table <c>guardianship</c>, partition = the ward: a <c>head</c> row whose ETag
/// makes every change to the partition conditional, one <c>g|{id}</c> row per guardianship (its latest state), one
/// <c>inbox|guardianship-inbox|{changeId}</c> row per applied feed change, and the outbox's <c>outbox|</c> rows. In the
/// shared <see cref="RepresentedIndex"/> (partition = the guardian): one <c>guardianship|{ward}|{id}</c> row per
/// guardianship, a copy of the state.
/// </summary>
internal static class GuardianshipRows
{
    public const string HeadRowKey = "head";
    public const string GuardianshipPrefix = "g|";
    public const string AppliedChangePrefix = "inbox|guardianship-inbox|";
    public const int FormatVersion = 1;

    /// <summary>The guardianship rows' source segment in the shared <see cref="RepresentedIndex"/>.</summary>
    public const string IndexSource = "guardianship";

    public static class Properties
    {
        public const string FormatVersion = "FormatVersion";
        public const string LastChangeAt = "LastChangeAt";
        public const string Id = "Id";
        public const string Ward = "Ward";
        public const string Guardian = "Guardian";
        public const string Mandate = "Mandate";
        public const string ValidFrom = "ValidFrom";
        public const string ValidTo = "ValidTo";
        public const string DecisionReference = "DecisionReference";
        public const string Ended = "Ended";
        public const string LastChangeId = "LastChangeId";
        public const string LastRegisteredAt = "LastRegisteredAt";
        public const string Outcome = "Outcome";
        public const string MessageId = "MessageId";
        public const string AppliedAt = "AppliedAt";
    }

    public static string GuardianshipRowKey(Guid id) => GuardianshipPrefix + id.ToString("N", CultureInfo.InvariantCulture);

    public static string AppliedChangeRowKey(Guid changeId) => AppliedChangePrefix + changeId.ToString("N", CultureInfo.InvariantCulture);

    public static TableEntity Head(NationalIdentityNumber ward, DateTimeOffset lastChangeAt) =>
        new(ward.Value, HeadRowKey) { [Properties.LastChangeAt] = lastChangeAt };

    public static TableEntity Index(GuardianshipRecord g) => Write(g, g.Guardian.Value, RepresentedIndex.RowKey(IndexSource, g.Ward, g.Id));

    /// <summary>The guardianship a row holds, or null when the row is malformed.</summary>
    public static GuardianshipRecord? Read(TableEntity row)
    {
        if (!Guid.TryParseExact(row.GetString(Properties.Id), "N", out var id)
            || !NationalIdentityNumber.TryParse(row.GetString(Properties.Ward), out var ward)
            || !NationalIdentityNumber.TryParse(row.GetString(Properties.Guardian), out var guardian)
            || !TryDate(row.GetString(Properties.ValidFrom), out var validFrom)
            || row.GetString(Properties.DecisionReference) is not { } reference
            || row.GetBoolean(Properties.Ended) is not { } ended
            || !Guid.TryParseExact(row.GetString(Properties.LastChangeId), "N", out var lastChangeId)
            || row.GetDateTimeOffset(Properties.LastRegisteredAt) is not { } lastRegisteredAt)
        {
            return null;
        }

        var mandate = new List<MandateArea>();
        foreach (var raw in (row.GetString(Properties.Mandate) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!MandateAreas.TryParse(raw, out var area))
            {
                return null;
            }

            mandate.Add(area);
        }

        DateOnly? validTo = null;
        if (row.GetString(Properties.ValidTo) is { } to)
        {
            if (!TryDate(to, out var parsed))
            {
                return null;
            }

            validTo = parsed;
        }

        return new GuardianshipRecord
        {
            Id = id,
            Ward = ward,
            Guardian = guardian,
            Mandate = mandate,
            ValidFrom = validFrom,
            ValidTo = validTo,
            DecisionReference = reference,
            Ended = ended,
            LastChangeId = lastChangeId,
            LastRegisteredAt = lastRegisteredAt,
        };
    }

    /// <summary>The stored values that matter, for telling whether an index row still says what the truth says.</summary>
    public static string Signature(TableEntity row) => string.Join('\u001f',
        new[]
        {
            Properties.Id, Properties.Ward, Properties.Guardian, Properties.Mandate, Properties.ValidFrom, Properties.ValidTo,
            Properties.DecisionReference, Properties.Ended, Properties.LastChangeId, Properties.LastRegisteredAt,
        }.Select(p => row.TryGetValue(p, out var v) ? Convert.ToString(v is DateTimeOffset d ? d.UtcTicks : v, CultureInfo.InvariantCulture) : "\0"));

    private static TableEntity Write(GuardianshipRecord g, string partitionKey, string rowKey)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            [Properties.FormatVersion] = FormatVersion,
            [Properties.Id] = g.Id.ToString("N", CultureInfo.InvariantCulture),
            [Properties.Ward] = g.Ward.Value,
            [Properties.Guardian] = g.Guardian.Value,
            [Properties.Mandate] = string.Join(',', g.Mandate.Select(a => a.Name())),
            [Properties.ValidFrom] = g.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [Properties.DecisionReference] = g.DecisionReference,
            [Properties.Ended] = g.Ended,
            [Properties.LastChangeId] = g.LastChangeId.ToString("N", CultureInfo.InvariantCulture),
            [Properties.LastRegisteredAt] = g.LastRegisteredAt,
        };
        if (g.ValidTo is { } to)
        {
            row[Properties.ValidTo] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return row;
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
