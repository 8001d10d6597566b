namespace CitizenServices.Functions.CareRelations;

/// <summary>A care relation as the caseworker API shows it: the current version and every version before it.</summary>
public sealed record CareRelationView(Guid Id, string Child, string Status, CareRelationVersionView Current, IReadOnlyList<CareRelationVersionView> History)
{
    public static CareRelationView From(CareRelation relation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var status = relation.Ended ? "ended"
            : relation.AppliesAt(now) ? "active"
            : relation.ValidFromInstant > now ? "pending" : "expired";
        return new(relation.Id, relation.Child.Value, status, CareRelationVersionView.From(relation.Current),
            relation.History.Select(CareRelationVersionView.From).ToList());
    }
}

/// <param name="ValidTo">The last day (Europe/Oslo, inclusive); null until further notice.</param>
/// <param name="ChangedBy">The caseworker's object id, or <c>case-system</c>.</param>
public sealed record CareRelationVersionView(
    int Version,
    string Change,
    string LegalBasis,
    IReadOnlyList<string> FosterParents,
    CareInstitution? Institution,
    string Municipality,
    string ValidFrom,
    string? ValidTo,
    IReadOnlyList<string> DelegatedScopes,
    bool ParentsKeepDigitalAccess,
    string DecisionReference,
    string ChangedBy,
    string Channel,
    DateTimeOffset ChangedAt,
    string? EndReason)
{
    public static CareRelationVersionView From(CareRelationVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(
            v.Version,
            v.Change.ToString().ToLowerInvariant(),
            v.LegalBasis.Name(),
            v.FosterParents.Select(p => p.Value).ToList(),
            v.Institution,
            v.Municipality,
            Date(v.ValidFrom),
            v.ValidTo is { } to ? Date(to) : null,
            v.DelegatedScopes.Select(s => s.Value).ToList(),
            v.ParentsKeepDigitalAccess,
            v.DecisionReference,
            v.ChangedBy,
            v.Channel,
            v.ChangedAt,
            v.EndReason);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record CareRelationListView(IReadOnlyList<CareRelationView> Relations);

/// <summary>
/// A relation's full state, as a registration (version 1) and a change (the next version) state it: the fields both bodies
/// share, declared once so they accept the same values by the same rules.
/// </summary>
public abstract record CareRelationStateBody : IRequestBody
{
    /// <summary>The child welfare service's decision (vedtak) reference.</summary>
    [TextLength(1, CareRelationCommandReader.MaxDecisionReferenceLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)]
    public required string DecisionReference { get; init; }

    [Vocabulary(Vocabulary.LegalBasis, CheckedByDomain = true)]
    public required string LegalBasis { get; init; }

    /// <summary>First day (inclusive, Europe/Oslo).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>What the decision delegates to the foster parents; never consents, representation or access-log.</summary>
    [ItemCount(1, 5, CheckedByDomain = true), Vocabulary(Vocabulary.DelegatedScope, CheckedByDomain = true)]
    public required IReadOnlyList<string> DelegatedScopes { get; init; }

    /// <summary>One or two foster parents; leave out for an institution.</summary>
    [ItemCount(0, 2, CheckedByDomain = true), Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true)]
    public IReadOnlyList<string>? FosterParents { get; init; }

    /// <summary>The institution the child is placed in, instead of foster parents.</summary>
    public CareInstitutionBody? Institution { get; init; }

    /// <summary>Last day (inclusive, Europe/Oslo); left out until further notice.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>Required for a care order and an emergency placement; a voluntary placement keeps it unless false.</summary>
    public bool? ParentsKeepDigitalAccess { get; init; }

    /// <summary>
    /// Optional: the municipality whose child welfare service is responsible, which the token already names; when given it
    /// must be the caller's own. Listed last, after what each body adds.
    /// </summary>
    [Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true), JsonPropertyOrder(2)]
    public string? Municipality { get; init; }
}

/// <summary>The body of <c>POST /api/v1/care-relations</c>: version 1 of a relation, its full state.</summary>
public sealed record RegisterCareRelationBody : CareRelationStateBody
{
    /// <summary>The child's national identity number.</summary>
    [Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true), JsonPropertyOrder(-1)]
    public required string Child { get; init; }
}

/// <summary>The body of <c>PUT /api/v1/care-relations/{id}</c>: the next version, the relation's full state after the change.</summary>
public sealed record ChangeCareRelationBody : CareRelationStateBody
{
    /// <summary>The version this change creates: the current version + 1.</summary>
    [Between(2, 100_000, CheckedByDomain = true), JsonPropertyOrder(-1)]
    public required int Version { get; init; }

    /// <summary>Optional: the relation's child, restated; it cannot change.</summary>
    [Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage, CheckedByDomain = true), JsonPropertyOrder(1)]
    public string? Child { get; init; }
}

/// <summary>The body of <c>POST /api/v1/care-relations/{id}/end</c>: the relation's last day and why, as a new version.</summary>
/// <param name="Version">The version this ending creates: the current version + 1.</param>
public sealed record EndCareRelationBody(
    [property: Between(2, 100_000, CheckedByDomain = true)] int Version,
    [property: TextLength(1, CareRelationCommandReader.MaxDecisionReferenceLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string DecisionReference,
    DateOnly EndDate,
    [property: TextLength(1, CareRelationCommandReader.MaxReasonLength, CheckedByDomain = true), FreeText(multiline: true, CheckedByDomain = true)] string Reason,
    [property: Format(RequestPatterns.Municipality, RequestPatterns.MunicipalityMessage, CheckedByDomain = true)] string? Municipality = null)
    : IRequestBody;

/// <summary>An institution (barneverninstitusjon) by its organisation number.</summary>
public sealed record CareInstitutionBody(
    [property: Format("^[0-9]{9}$", "A 9-digit organisation number.", CheckedByDomain = true)] string OrganizationNumber,
    [property: TextLength(1, CareRelationCommandReader.MaxInstitutionNameLength, CheckedByDomain = true), FreeText(CheckedByDomain = true)] string Name)
    : IRequestPart;
