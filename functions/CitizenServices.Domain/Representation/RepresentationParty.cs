namespace CitizenServices.Domain.Representation;

/// <summary>
/// What the population register says about one side of a representation (representative or represented),
/// as far as the eligibility rule needs it.
/// </summary>
public sealed record RepresentationParty(bool IsRegistered, bool HasProtectedAddress, bool IsDeceased)
{
    /// <summary>A number the register does not know.</summary>
    public static RepresentationParty Unregistered { get; } = new(false, false, false);
}

/// <summary>Who may take part in a representation at all, whatever its kind.</summary>
public static class RepresentationEligibility
{
    /// <summary>
    /// Rules, for every kind (parents, fullmakt, guardians, foster care): a person with a confidential or strictly
    /// confidential address (codes 7/6) can neither represent nor be represented; a deceased person neither; and
    /// a person unknown to the register neither, since without the register the address protection cannot be
    /// ruled out.
    /// </summary>
    public static bool MayTakePart(RepresentationParty party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party.IsRegistered && !party.HasProtectedAddress && !party.IsDeceased;
    }

    public static bool MayRepresent(RepresentationParty representative, RepresentationParty subject) =>
        MayTakePart(representative) && MayTakePart(subject);
}
