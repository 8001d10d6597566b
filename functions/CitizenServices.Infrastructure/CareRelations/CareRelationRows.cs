namespace CitizenServices.Infrastructure.CareRelations;

/// <summary>
/// Storage layout (docs/foster-care.md). Table <c>carerelation</c>, partition = the child: a <c>head</c> row whose ETag
/// makes every change conditional, one <c>r|{id}</c> row per relation (its current version: all authorization reads),
/// one <c>v|{id}|{version}</c> row per version (the history, never changed or removed), one <c>rejected|{commandId}</c>
/// row per rejected queue command, and the outbox's rows. Partition <c>id|{id}</c> holds one locator row naming the
/// child, for routes that name only the relation. In the shared <see cref="RepresentedIndex"/> (partition = the foster
/// parent): one <c>fostercare|{child}|{id}</c> row per foster parent, a copy of the current version.
/// </summary>
internal static class CareRelationRows
{
    public const string HeadRowKey = "head";
    public const string RelationPrefix = "r|";
    public const string VersionPrefix = "v|";
    public const string RejectedPrefix = "rejected|";
    public const string LocatorRowKey = "child";
    public const int FormatVersion = 1;

    /// <summary>The foster care rows' source segment in the shared <see cref="RepresentedIndex"/>.</summary>
    public const string IndexSource = "fostercare";

    private static readonly string[] SignatureProperties =
    [
        P.Id, P.Child, P.Version, P.Change, P.LegalBasis, P.FosterParents, P.InstitutionNumber, P.InstitutionName, P.Municipality,
        P.ValidFrom, P.ValidTo, P.DelegatedScopes, P.ParentsKeepDigitalAccess, P.DecisionReference, P.ChangedBy, P.Channel, P.ChangedAt, P.EndReason,
    ];

    public static class P
    {
        public const string FormatVersion = "FormatVersion";
        public const string LastChangeAt = "LastChangeAt";
        public const string Id = "Id";
        public const string Child = "Child";
        public const string Version = "Version";
        public const string Change = "Change";
        public const string LegalBasis = "LegalBasis";
        public const string FosterParents = "FosterParents";
        public const string InstitutionNumber = "InstitutionNumber";
        public const string InstitutionName = "InstitutionName";
        public const string Municipality = "Municipality";
        public const string ValidFrom = "ValidFrom";
        public const string ValidTo = "ValidTo";
        public const string DelegatedScopes = "DelegatedScopes";
        public const string ParentsKeepDigitalAccess = "ParentsKeepDigitalAccess";
        public const string DecisionReference = "DecisionReference";
        public const string ChangedBy = "ChangedBy";
        public const string Channel = "Channel";
        public const string ChangedAt = "ChangedAt";
        public const string EndReason = "EndReason";
        public const string RejectedAt = "RejectedAt";
    }

    public static string RelationRowKey(Guid id) => RelationPrefix + Id(id);

    public static string VersionRowKey(Guid id, int version) =>
        $"{VersionPrefix}{Id(id)}|{version.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string LocatorPartition(Guid id) => "id|" + Id(id);

    public static TableEntity Head(NationalIdentityNumber child, DateTimeOffset at) => new(child.Value, HeadRowKey) { [P.LastChangeAt] = at };

    public static TableEntity Locator(Guid id, NationalIdentityNumber child) => new(LocatorPartition(id), LocatorRowKey) { [P.Child] = child.Value };

    public static TableEntity Rejected(NationalIdentityNumber child, Guid commandId, DateTimeOffset at) =>
        new(child.Value, RejectedPrefix + Id(commandId)) { [P.RejectedAt] = at };

    public static TableEntity Current(CareRelation relation) => Write(relation, relation.Current, relation.Child.Value, RelationRowKey(relation.Id));

    public static TableEntity Version(CareRelation relation, CareRelationVersion version) =>
        Write(relation, version, relation.Child.Value, VersionRowKey(relation.Id, version.Version));

    /// <summary>The index row of each foster parent (none for an institution).</summary>
    public static IEnumerable<TableEntity> Index(CareRelation relation) =>
        relation.Current.FosterParents.Select(p => Write(relation, relation.Current, p.Value, RepresentedIndex.RowKey(IndexSource, relation.Child, relation.Id)));

    public static bool TryReadRejected(TableEntity row, out Guid commandId) =>
        Guid.TryParseExact(row.RowKey[RejectedPrefix.Length..], "N", out commandId);

    /// <summary>The relation id and version a row holds, or null when malformed.</summary>
    public static (Guid Id, NationalIdentityNumber Child, CareRelationVersion Version)? Read(TableEntity row)
    {
        if (!Guid.TryParseExact(row.GetString(P.Id), "N", out var id)
            || !NationalIdentityNumber.TryParse(row.GetString(P.Child), out var child)
            || row.GetInt32(P.Version) is not { } version
            || !Enum.TryParse<CareRelationChange>(row.GetString(P.Change), out var change)
            || !Enum.TryParse<FosterCareLegalBasis>(row.GetString(P.LegalBasis), out var basis)
            || row.GetString(P.Municipality) is not { } municipality
            || !TryDate(row.GetString(P.ValidFrom), out var validFrom)
            || row.GetBoolean(P.ParentsKeepDigitalAccess) is not { } keeps
            || row.GetString(P.DecisionReference) is not { } reference
            || row.GetString(P.ChangedBy) is not { } changedBy
            || row.GetString(P.Channel) is not { } channel
            || row.GetDateTimeOffset(P.ChangedAt) is not { } changedAt)
        {
            return null;
        }

        var fosterParents = new List<NationalIdentityNumber>();
        foreach (var raw in Split(row.GetString(P.FosterParents)))
        {
            if (!NationalIdentityNumber.TryParse(raw, out var parent))
            {
                return null;
            }

            fosterParents.Add(parent);
        }

        var scopes = new List<Scope>();
        foreach (var raw in Split(row.GetString(P.DelegatedScopes)))
        {
            if (!CareRelationScopes.TryParse(raw, out var scope))
            {
                return null;
            }

            scopes.Add(scope);
        }

        DateOnly? validTo = null;
        if (row.GetString(P.ValidTo) is { } to)
        {
            if (!TryDate(to, out var parsed))
            {
                return null;
            }

            validTo = parsed;
        }

        var institution = row.GetString(P.InstitutionNumber) is { } number ? new CareInstitution(number, row.GetString(P.InstitutionName) ?? string.Empty) : null;
        return (id, child, new CareRelationVersion
        {
            Version = version, Change = change, LegalBasis = basis, FosterParents = fosterParents, Institution = institution,
            Municipality = municipality, ValidFrom = validFrom, ValidTo = validTo, DelegatedScopes = scopes, ParentsKeepDigitalAccess = keeps,
            DecisionReference = reference, ChangedBy = changedBy, Channel = channel, ChangedAt = changedAt, EndReason = row.GetString(P.EndReason),
        });
    }

    /// <summary>The stored values that matter, for telling whether an index row still says what the truth says.</summary>
    public static string Signature(TableEntity row) => string.Join('\u001f',
        SignatureProperties.Select(p => row.TryGetValue(p, out var v) ? Convert.ToString(v is DateTimeOffset d ? d.UtcTicks : v, CultureInfo.InvariantCulture) : "\0"));

    private static TableEntity Write(CareRelation relation, CareRelationVersion v, string partitionKey, string rowKey)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            [P.FormatVersion] = FormatVersion,
            [P.Id] = Id(relation.Id),
            [P.Child] = relation.Child.Value,
            [P.Version] = v.Version,
            [P.Change] = v.Change.ToString(),
            [P.LegalBasis] = v.LegalBasis.ToString(),
            [P.FosterParents] = string.Join(',', v.FosterParents.Select(p => p.Value)),
            [P.Municipality] = v.Municipality,
            [P.ValidFrom] = Date(v.ValidFrom),
            [P.DelegatedScopes] = string.Join(',', v.DelegatedScopes.Select(s => s.Value)),
            [P.ParentsKeepDigitalAccess] = v.ParentsKeepDigitalAccess,
            [P.DecisionReference] = v.DecisionReference,
            [P.ChangedBy] = v.ChangedBy,
            [P.Channel] = v.Channel,
            [P.ChangedAt] = v.ChangedAt,
        };
        if (v.ValidTo is { } to)
        {
            row[P.ValidTo] = Date(to);
        }

        if (v.Institution is { } institution)
        {
            row[P.InstitutionNumber] = institution.OrganizationNumber;
            row[P.InstitutionName] = institution.Name;
        }

        if (v.EndReason is { } reason)
        {
            row[P.EndReason] = reason;
        }

        return row;
    }

    private static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Split(string? list) => (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
