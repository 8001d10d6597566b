namespace CitizenServices.Domain.CareRelations;

/// <summary>What a version of a care relation did to it.</summary>
public enum CareRelationChange
{
    Registered,
    Changed,
    Ended,
}

/// <summary>A child welfare institution the child is placed in, instead of foster parents (organisation number, 9 digits).</summary>
public sealed record CareInstitution(string OrganizationNumber, string Name);

/// <summary>
/// One version of a foster care relation: the whole decision as the child welfare service registered it, with who
/// registered it, under which decision reference and when. Versions are never changed or removed; a change is a new
/// version and the history is the list of versions.
/// </summary>
public sealed record CareRelationVersion
{
    public required int Version { get; init; }

    public required CareRelationChange Change { get; init; }

    public required FosterCareLegalBasis LegalBasis { get; init; }

    /// <summary>One or two people; empty when the child is placed in an <see cref="Institution"/>.</summary>
    public required IReadOnlyList<NationalIdentityNumber> FosterParents { get; init; }

    public CareInstitution? Institution { get; init; }

    /// <summary>The child welfare service responsible for the case (kommunenummer).</summary>
    public required string Municipality { get; init; }

    /// <summary>First Europe/Oslo day of the placement (inclusive).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Last Europe/Oslo day (inclusive); null until further notice. For an ended relation, its last day.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The scopes the decision delegates to the foster parents, each once, ordered.</summary>
    public required IReadOnlyList<Scope> DelegatedScopes { get; init; }

    /// <summary>Whether the parents keep their digital access to the child's services while the relation applies.</summary>
    public required bool ParentsKeepDigitalAccess { get; init; }

    public required string DecisionReference { get; init; }

    /// <summary>Who made the change: the caseworker's object id, or <c>case-system</c> for the inbound queue.</summary>
    public required string ChangedBy { get; init; }

    /// <summary><c>caseworker-api</c> or <c>case-system-queue</c>.</summary>
    public required string Channel { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>Why the relation ended (only on the ending version).</summary>
    public string? EndReason { get; init; }
}

/// <summary>
/// A foster care relation (fosterhjem or institution) registered by the child welfare service: the child, and every
/// version of the decision in order. The current version decides; the earlier ones are the history, kept forever.
/// </summary>
public sealed record CareRelation(Guid Id, NationalIdentityNumber Child, IReadOnlyList<CareRelationVersion> History)
{
    public CareRelationVersion Current => History[^1];

    public bool Ended => Current.Change == CareRelationChange.Ended;

    /// <summary>Oslo midnight of the first day.</summary>
    public DateTimeOffset ValidFromInstant => NorwegianTime.ToUtc(Current.ValidFrom, TimeOnly.MinValue);

    /// <summary>Exclusive end: Oslo midnight after the last day; null until further notice.</summary>
    public DateTimeOffset? ValidToInstant => Current.ValidTo is { } last ? NorwegianTime.ToUtc(last.AddDays(1), TimeOnly.MinValue) : null;

    public bool AppliesAt(DateTimeOffset instant) => ValidFromInstant <= instant && (ValidToInstant is null || instant < ValidToInstant);

    public IReadOnlySet<Scope> Scopes => CareRelationScopes.Of(Current.DelegatedScopes);

    /// <summary>The basis each foster parent acts on; relation id = the relation id. None for an institution.</summary>
    public IReadOnlyList<(NationalIdentityNumber FosterParent, RepresentationBasis Basis)> FosterParentBases() =>
        Current.FosterParents
            .Select(p => (p, new RepresentationBasis(BasisKind.FosterParent, Id.ToString(), Scopes, ValidFromInstant, ValidToInstant)))
            .ToList();

    public string RelationIdText => Id.ToString("D", CultureInfo.InvariantCulture);
}

/// <summary>What foster parents may be delegated (docs/foster-care.md, "Delegated scopes").</summary>
public static class CareRelationScopes
{
    /// <summary>
    /// The scopes a decision may delegate: appointments (all, or primary care only), messages, health records and
    /// prescriptions. Never consents (foster parents may not change consents or reservations), representation (no
    /// chains) or the access log (the log is how the child and the parents oversee who acts).
    /// </summary>
    public static IReadOnlyList<Scope> Delegable { get; } =
    [
        Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions,
    ];

    public static bool TryParse(string? name, out Scope scope)
    {
        scope = Delegable.FirstOrDefault(s => s.Value == name);
        return name is not null && scope.Value == name;
    }

    /// <summary>The delegated scopes with <c>appointments</c> implying primary care, and nothing outside <see cref="Delegable"/>.</summary>
    public static IReadOnlySet<Scope> Of(IEnumerable<Scope> delegated)
    {
        var scopes = new HashSet<Scope>(RepresentationScopes.WithImplied(delegated));
        scopes.IntersectWith(Delegable);
        return scopes;
    }
}

/// <summary>What the child's care relations mean for the parents' representation now.</summary>
public enum ParentalAccessUnderCare
{
    /// <summary>No relation applies now: the parental rules apply as usual.</summary>
    NotInCare,

    /// <summary>
    /// A relation applies and its decision keeps the parents' digital access: the placement does not end parental
    /// representation (the child's address at the foster home does not count against the parents).
    /// </summary>
    Keeps,

    /// <summary>A relation applies and its decision removes the parents' digital access.</summary>
    Removed,
}

public static class FosterCareParentalAccess
{
    /// <summary>
    /// Rule: while a relation applies, the parents' representation follows its decision: voluntary placement keeps it
    /// unless the decision says otherwise; a care order or an emergency placement keeps it only where the decision says
    /// so. Any applying relation that removes it removes it.
    /// </summary>
    public static ParentalAccessUnderCare Of(IEnumerable<CareRelation> relations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(relations);
        var applying = relations.Where(r => r.AppliesAt(now)).ToList();
        return applying.Count == 0 ? ParentalAccessUnderCare.NotInCare
            : applying.Any(r => !r.Current.ParentsKeepDigitalAccess) ? ParentalAccessUnderCare.Removed
            : ParentalAccessUnderCare.Keeps;
    }
}
