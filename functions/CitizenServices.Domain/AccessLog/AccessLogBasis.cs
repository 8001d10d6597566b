namespace CitizenServices.Domain.AccessLog;

/// <summary>The basis kinds this service knows; <see cref="AccessLogBasis"/> accepts any well-formed code.</summary>
public static class AccessLogBasisKinds
{
    public const string Self = "self";
    public const string Parent = "parent";
    public const string Fullmakt = "fullmakt";
    public const string Guardian = "guardian";
    public const string FosterParent = "foster-parent";
    public const string Test = "test";

    /// <summary>
    /// A sector system's lookup on its own authority (not on the person's behalf): the relation id is the client (the
    /// HelseID or Entra ID client id) whose access allowed it.
    /// </summary>
    public const string SectorSystem = "sector-system";
}

/// <summary>
/// On what basis the actor acted: the kind of representation (or <c>self</c>) and the id of the relation that
/// allowed it (the fullmakt, the foster-care decision, ...), so the principal can see which permission was used.
/// </summary>
public sealed record AccessLogBasis
{
    public const int MaxRelationIdLength = 128;

    public AccessLogBasis(string kind, string? relationId = null)
    {
        Kind = AccessLogText.Code(kind, nameof(kind));
        // Null and empty would hash differently yet mean the same; allow only null for "no relation".
        RelationId = relationId is null ? null : AccessLogText.Required(relationId, nameof(relationId), MaxRelationIdLength);
    }

    public string Kind { get; }

    public string? RelationId { get; }

    public static AccessLogBasis Self { get; } = new(AccessLogBasisKinds.Self);
}
