namespace CitizenServices.Domain.Authorization;

/// <summary>The legal basis on which someone acts for a person.</summary>
public readonly record struct BasisKind(string Value)
{
    public static readonly BasisKind Self = new("self");
    public static readonly BasisKind Parent = new("parent");
    public static readonly BasisKind FosterParent = new("foster-parent");
    public static readonly BasisKind Guardian = new("guardian");
    public static readonly BasisKind Fullmakt = new("fullmakt");
    public static readonly BasisKind FullmaktLackingCapacity = new("fullmakt-lacking-capacity");

    public override string ToString() => Value;
}

/// <summary>
/// One representation of a subject held by a representative: its kind, the relation it comes from (for the
/// access log and for ending it), the scopes it covers and its validity. <see cref="ValidTo"/> is exclusive.
/// </summary>
public sealed record RepresentationBasis(
    BasisKind Kind,
    string RelationId,
    IReadOnlySet<Scope> Scopes,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo)
{
    public bool IsValidAt(DateTimeOffset instant) => ValidFrom <= instant && (ValidTo is null || instant < ValidTo);

    public bool Covers(Scope scope, DateTimeOffset instant) => IsValidAt(instant) && Scopes.Contains(scope);
}
