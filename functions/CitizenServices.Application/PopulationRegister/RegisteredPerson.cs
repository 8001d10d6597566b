namespace CitizenServices.Application.PopulationRegister;

/// <summary>A person as the population register describes them.</summary>
public sealed record RegisteredPerson
{
    public required NationalIdentityNumber Id { get; init; }

    public required string GivenName { get; init; }

    public required string FamilyName { get; init; }

    /// <summary>Derived from the number, so the two can never disagree.</summary>
    public DateOnly BirthDate => Id.BirthDate;

    /// <summary>Kommunenummer of the residence: four digits, e.g. 0301 (Oslo).</summary>
    public required string MunicipalityNumber { get; init; }

    /// <summary>
    /// Opaque id of the registered residence; two people live together when their ids are equal. Null when the
    /// register withholds the address (strictly confidential).
    /// </summary>
    public required string? AddressId { get; init; }

    public required AddressProtection AddressProtection { get; init; }

    /// <summary>The people registered with parental responsibility (foreldreansvar) for this person.</summary>
    public IReadOnlyList<NationalIdentityNumber> ParentsWithParentalResponsibility { get; init; } = [];

    /// <summary>Guardianships (vergemål) where this person is the one under guardianship.</summary>
    public IReadOnlyList<Guardianship> Guardianships { get; init; } = [];

    public DateOnly? DeceasedOn { get; init; }

    /// <summary>
    /// Opaque ids of further addresses the person is registered as living at: a child's shared residence (delt bosted).
    /// A child with shared residence lives with both parents.
    /// </summary>
    public IReadOnlyList<string> SharedResidenceAddressIds { get; init; } = [];

    /// <summary>The people this person holds parental responsibility for (the register's foreldreansvar, parent's side).</summary>
    public IReadOnlyList<NationalIdentityNumber> ChildrenWithParentalResponsibility { get; init; } = [];

    public bool IsDeceased => DeceasedOn is not null;

    public bool HasProtectedAddress => AddressProtection != AddressProtection.None;

    /// <summary>Whole years on an Europe/Oslo date; see <see cref="NationalIdentityNumber.AgeOn"/> for leap days.</summary>
    public int AgeOn(DateOnly date) => Id.AgeOn(date);

    /// <summary>
    /// True when both are registered at the same, disclosed address (a different flat is a different address), or one's
    /// shared residence (delt bosted) is the other's address: a child with shared residence lives with both parents.
    /// </summary>
    public bool LivesWith(RegisteredPerson other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Residences().Any(mine => other.Residences().Contains(mine, StringComparer.Ordinal));
    }

    private IEnumerable<string> Residences() => AddressId is null ? SharedResidenceAddressIds : [AddressId, .. SharedResidenceAddressIds];

    /// <summary>The full name for display to the person themselves; never for logs.</summary>
    public string FullName => $"{GivenName} {FamilyName}";
}
