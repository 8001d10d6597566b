namespace CitizenServices.Domain.Guardianship;

/// <summary>
/// One guardianship as this service knows it from the register feed: the latest state the register reported for it.
/// The feed carries full state on every change, so the record is replaced as a whole; the change that produced it is
/// remembered for ordering (<see cref="LastRegisteredAt"/>) and tracing (<see cref="LastChangeId"/>).
/// </summary>
public sealed record GuardianshipRecord
{
    /// <summary>The register's id of the guardianship; also the relation id in the access log.</summary>
    public required Guid Id { get; init; }

    public required NationalIdentityNumber Ward { get; init; }

    public required NationalIdentityNumber Guardian { get; init; }

    /// <summary>In catalog order, each once. Empty for an ending the feed reported before any appointment.</summary>
    public required IReadOnlyList<MandateArea> Mandate { get; init; }

    /// <summary>First Europe/Oslo day of the mandate (inclusive).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Last Europe/Oslo day of the mandate (inclusive); null until further notice.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The county governor's case reference.</summary>
    public required string DecisionReference { get; init; }

    /// <summary>The register reported the guardianship ended (its last day is <see cref="ValidTo"/>).</summary>
    public required bool Ended { get; init; }

    public required Guid LastChangeId { get; init; }

    /// <summary>When the register recorded the change this state comes from; older changes arriving later are ignored.</summary>
    public required DateTimeOffset LastRegisteredAt { get; init; }

    /// <summary>The instant it starts: Oslo midnight of <see cref="ValidFrom"/>.</summary>
    public DateTimeOffset ValidFromInstant => NorwegianTime.ToUtc(ValidFrom, TimeOnly.MinValue);

    /// <summary>Exclusive end: Oslo midnight after <see cref="ValidTo"/>; null until further notice.</summary>
    public DateTimeOffset? ValidToInstant => ValidTo is { } last ? NorwegianTime.ToUtc(last.AddDays(1), TimeOnly.MinValue) : null;

    public IReadOnlySet<Scope> Scopes => GuardianshipScopes.Of(Mandate);

    /// <summary>The basis the policy enforcement point decides with; relation id = the guardianship id.</summary>
    public RepresentationBasis ToBasis() => new(BasisKind.Guardian, Id.ToString(), Scopes, ValidFromInstant, ValidToInstant);
}
