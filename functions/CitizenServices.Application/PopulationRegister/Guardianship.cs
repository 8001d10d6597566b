namespace CitizenServices.Application.PopulationRegister;

/// <summary>
/// A guardianship (vergemål) appointed by the county governor (Statsforvalteren): the guardian may act only
/// within the mandate's scopes and period.
/// </summary>
public sealed record Guardianship
{
    public required NationalIdentityNumber GuardianId { get; init; }

    public required IReadOnlySet<GuardianshipScope> Scopes { get; init; }

    /// <summary>First day of the mandate (inclusive).</summary>
    public required DateOnly ValidFrom { get; init; }

    /// <summary>Last day of the mandate (inclusive); null until further notice.</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The county governor's case reference.</summary>
    public required string Reference { get; init; }

    public bool IsActiveOn(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    public bool Covers(GuardianshipScope scope, DateOnly date) => IsActiveOn(date) && Scopes.Contains(scope);
}
