using FullmaktEndedBy = CitizenServices.Domain.Fullmakt.FullmaktEndedBy;

namespace CitizenServices.Infrastructure.Fullmakt;

/// <summary>
/// Storage layout (docs/fullmakt.md). Table <c>fullmakt</c>, partition = the principal (giver): a <c>head</c> row whose
/// ETag makes every change to the partition conditional, one <c>f|{id}</c> row per fullmakt (never deleted; the only
/// change after the grant is its ending) and one <c>i|{hash}</c> row per Idempotency-Key. In the shared
/// <see cref="RepresentedIndex"/> (partition = the representative): one <c>fullmakt|{giver}|{id}</c> row per fullmakt, a
/// copy without the administrative fields. Table <c>fullmaktexpiry</c>, partition = the last valid day (Oslo date,
/// <c>yyyy-MM-dd</c>): one <c>{giver}|{id}</c> row per fullmakt whose "expiring soon" notice may still be due.
/// </summary>
internal static class FullmaktRows
{
    public const string HeadRowKey = "head";
    public const string FullmaktPrefix = "f|";
    public const string IdempotencyPrefix = "i|";
    public const int FormatVersion = 1;

    /// <summary>The fullmakt rows' source segment in the shared <see cref="RepresentedIndex"/>.</summary>
    public const string IndexSource = "fullmakt";

    public static class Properties
    {
        public const string FormatVersion = "FormatVersion";
        public const string LastChangeAt = "LastChangeAt";
        public const string Id = "Id";
        public const string Kind = "Kind";
        public const string Giver = "Giver";
        public const string Representative = "Representative";
        public const string ServiceAreas = "ServiceAreas";
        public const string GrantedAt = "GrantedAt";
        public const string ValidFrom = "ValidFrom";
        public const string ValidToDate = "ValidToDate";
        public const string CertificateReference = "CertificateReference";
        public const string RegisteredBy = "RegisteredBy";
        public const string EndedAt = "EndedAt";
        public const string EndedBy = "EndedBy";
        public const string RequestHash = "RequestHash";
        public const string FullmaktId = "FullmaktId";
        public const string CreatedAt = "CreatedAt";

        /// <summary>On an <c>f|</c> row: when its "expiring soon" notice was committed. Written only with that event.</summary>
        public const string ExpiryNoticeSentAt = "ExpiryNoticeSentAt";
    }

    public static string FullmaktRowKey(Guid id) => FullmaktPrefix + id.ToString("N");

    /// <summary>The fullmakt id of an <c>f|</c> row key, or null when the key is not one.</summary>
    public static Guid? FullmaktIdOf(string rowKey) =>
        rowKey.StartsWith(FullmaktPrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(rowKey.AsSpan(FullmaktPrefix.Length), "N", out var id) ? id : null;

    /// <summary>The expiry index partition of a last valid day.</summary>
    public static string ExpiryPartition(DateOnly lastValidDay) => lastValidDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The expiry index row of a fullmakt that still may get its notice (an end date, not ended, no notice yet); null
    /// for any other. It carries nothing but its keys: every decision is taken on the principal's partition.
    /// </summary>
    public static TableEntity? Expiry(Domain.Fullmakt.Fullmakt f, DateTimeOffset? noticeSentAt) =>
        f.ValidToDate is { } last && f.Ending is null && noticeSentAt is null
            ? new TableEntity(ExpiryPartition(last), ExpiryRowKey(f.Giver, f.Id)) { [Properties.FormatVersion] = FormatVersion }
            : null;

    /// <summary>Reads an expiry index row's keys; null when they are malformed.</summary>
    public static ExpiryNoticeEntry? ReadExpiry(TableEntity row)
    {
        var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
        return separator > 0
            && DateOnly.TryParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && NationalIdentityNumber.TryParse(row.RowKey[..separator], out var principal)
            && Guid.TryParseExact(row.RowKey[(separator + 1)..], "N", out var id)
                ? new ExpiryNoticeEntry(day, principal, id)
                : null;
    }

    /// <summary>Merged into the <c>f|</c> row in the notice's transaction; the rest of the row is left as it is.</summary>
    public static TableEntity ExpiryNoticeMarker(NationalIdentityNumber principal, Guid id, DateTimeOffset sentAt) =>
        new(principal.Value, FullmaktRowKey(id)) { [Properties.ExpiryNoticeSentAt] = sentAt };

    public static string ExpiryRowKey(NationalIdentityNumber giver, Guid id) => giver.Value + "|" + id.ToString("N");

    /// <summary>Every expiry index row of one giver's fullmakter sorts in [giver + "|", giver + "}"), in any day's partition.</summary>
    public static (string From, string To) ExpiryRangeOf(NationalIdentityNumber giver) => (giver.Value + "|", giver.Value + "}");

    /// <summary>Rewritten by every change; only its ETag matters (the time is for people reading the table).</summary>
    public static TableEntity Head(NationalIdentityNumber principal, DateTimeOffset lastChangeAt) =>
        new(principal.Value, HeadRowKey) { [Properties.LastChangeAt] = lastChangeAt };

    public static TableEntity Truth(Domain.Fullmakt.Fullmakt f) => Write(f, f.Giver.Value, FullmaktRowKey(f.Id), administrative: true);

    public static TableEntity Index(Domain.Fullmakt.Fullmakt f) =>
        Write(f, f.Representative.Value, RepresentedIndex.RowKey(IndexSource, f.Giver, f.Id), administrative: false);

    public static TableEntity Idempotency(NationalIdentityNumber principal, IdempotencyRecord record) =>
        new(principal.Value, IdempotencyPrefix + record.KeyId)
        {
            [Properties.RequestHash] = record.RequestHash,
            [Properties.FullmaktId] = record.CreatedId.ToString("N"),
            [Properties.CreatedAt] = record.CreatedAt,
        };

    public static IdempotencyRecord? ReadIdempotency(TableEntity row) =>
        row.GetString(Properties.RequestHash) is { } hash
        && Guid.TryParseExact(row.GetString(Properties.FullmaktId), "N", out var id)
        && row.GetDateTimeOffset(Properties.CreatedAt) is { } at
            ? new IdempotencyRecord(row.RowKey[IdempotencyPrefix.Length..], hash, id, at)
            : null;

    /// <summary>The fullmakt a row holds, or null when the row is malformed (a corrupted or foreign row).</summary>
    public static Domain.Fullmakt.Fullmakt? Read(TableEntity row)
    {
        if (!Guid.TryParseExact(row.GetString(Properties.Id), "N", out var id)
            || !FullmaktKinds.TryParse(row.GetString(Properties.Kind), out var kind)
            || !NationalIdentityNumber.TryParse(row.GetString(Properties.Giver), out var giver)
            || !NationalIdentityNumber.TryParse(row.GetString(Properties.Representative), out var representative)
            || row.GetDateTimeOffset(Properties.GrantedAt) is not { } grantedAt
            || row.GetDateTimeOffset(Properties.ValidFrom) is not { } validFrom)
        {
            return null;
        }

        var areas = new List<ServiceArea>();
        foreach (var raw in (row.GetString(Properties.ServiceAreas) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ServiceAreaCatalog.TryParse(raw, out var area))
            {
                return null;
            }

            areas.Add(area);
        }

        DateOnly? validTo = null;
        if (row.GetString(Properties.ValidToDate) is { } to)
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return null;
            }

            validTo = parsed;
        }

        FullmaktEnding? ending = null;
        if (row.GetDateTimeOffset(Properties.EndedAt) is { } endedAt)
        {
            if (!Enum.TryParse<FullmaktEndedBy>(row.GetString(Properties.EndedBy), out var by))
            {
                return null;
            }

            ending = new FullmaktEnding(endedAt, by);
        }

        return areas.Count == 0 ? null : new Domain.Fullmakt.Fullmakt
        {
            Id = id,
            Kind = kind,
            Giver = giver,
            Representative = representative,
            ServiceAreas = areas,
            GrantedAt = grantedAt,
            ValidFrom = validFrom,
            ValidToDate = validTo,
            CertificateReference = row.GetString(Properties.CertificateReference),
            RegisteredBy = row.GetString(Properties.RegisteredBy),
            Ending = ending,
        };
    }

    /// <summary>The stored values that matter, for telling whether an index row still says what the truth says.</summary>
    public static string Signature(TableEntity row) => string.Join('\u001f',
        new[]
        {
            Properties.Id, Properties.Kind, Properties.Giver, Properties.Representative, Properties.ServiceAreas, Properties.GrantedAt,
            Properties.ValidFrom, Properties.ValidToDate, Properties.EndedAt, Properties.EndedBy,
        }.Select(p => row.TryGetValue(p, out var v) ? Convert.ToString(v is DateTimeOffset d ? d.UtcTicks : v, CultureInfo.InvariantCulture) : "\0"));

    private static TableEntity Write(Domain.Fullmakt.Fullmakt f, string partitionKey, string rowKey, bool administrative)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            [Properties.FormatVersion] = FormatVersion,
            [Properties.Id] = f.Id.ToString("N"),
            [Properties.Kind] = f.Kind.Name(),
            [Properties.Giver] = f.Giver.Value,
            [Properties.Representative] = f.Representative.Value,
            [Properties.ServiceAreas] = string.Join(',', f.ServiceAreas.Select(a => a.Value)),
            [Properties.GrantedAt] = f.GrantedAt,
            [Properties.ValidFrom] = f.ValidFrom,
        };
        if (f.ValidToDate is { } to)
        {
            row[Properties.ValidToDate] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (f.Ending is { } ending)
        {
            row[Properties.EndedAt] = ending.At;
            row[Properties.EndedBy] = ending.By.ToString();
        }

        if (administrative && f.CertificateReference is not null)
        {
            row[Properties.CertificateReference] = f.CertificateReference;
            row[Properties.RegisteredBy] = f.RegisteredBy;
        }

        return row;
    }
}
