namespace CitizenServices.Domain.CareRelations;

public enum CareRelationCommandKind
{
    Register,
    Change,
    End,
}

/// <summary>
/// A change to a foster care relation, from the caseworker API or the case system's queue (schema
/// <c>contracts/messages/care-relations-inbound.schema.json</c>). Register and change carry the relation's full state in
/// the new version; an ending carries its last day and reason. <see cref="Version"/> is the version the command creates:
/// with <see cref="DecisionReference"/> it makes the command idempotent.
/// </summary>
public sealed record CareRelationCommand
{
    public required CareRelationCommandKind Kind { get; init; }

    /// <summary>Required for change and end; for a registration the sender may choose it (else one is made).</summary>
    public Guid? RelationId { get; init; }

    public required NationalIdentityNumber Child { get; init; }

    public required int Version { get; init; }

    public required string DecisionReference { get; init; }

    public required string Municipality { get; init; }

    public FosterCareLegalBasis? LegalBasis { get; init; }

    public IReadOnlyList<NationalIdentityNumber> FosterParents { get; init; } = [];

    public CareInstitution? Institution { get; init; }

    public DateOnly? ValidFrom { get; init; }

    public DateOnly? ValidTo { get; init; }

    public IReadOnlyList<Scope> DelegatedScopes { get; init; } = [];

    /// <summary>Null: not stated (allowed only for a voluntary placement, where the parents keep access).</summary>
    public bool? ParentsKeepDigitalAccess { get; init; }

    /// <summary>For an ending: the last day the relation applies.</summary>
    public DateOnly? EndDate { get; init; }

    public string? EndReason { get; init; }

    public required string ChangedBy { get; init; }

    public required string Channel { get; init; }
}
