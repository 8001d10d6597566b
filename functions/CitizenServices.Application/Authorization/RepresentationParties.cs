namespace CitizenServices.Application.Authorization;

/// <summary>Reads both sides of a representation from the population register for the eligibility rule.</summary>
public static class RepresentationParties
{
    public static RepresentationParty Of(RegisteredPerson? person) =>
        person is null ? RepresentationParty.Unregistered : new RepresentationParty(true, person.HasProtectedAddress, person.IsDeceased);

    public static async Task<RepresentationParty> FindAsync(
        IPopulationRegister register, NationalIdentityNumber id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(register);
        return Of(await register.FindAsync(id, cancellationToken));
    }

    /// <summary>
    /// The confidential-address rule (and deceased/unknown), applied centrally for every kind: true when both may
    /// take part in a representation.
    /// </summary>
    public static async Task<bool> MayRepresentAsync(
        IPopulationRegister register, NationalIdentityNumber representative, NationalIdentityNumber subject,
        CancellationToken cancellationToken)
    {
        var representativeParty = await FindAsync(register, representative, cancellationToken);
        return RepresentationEligibility.MayTakePart(representativeParty)
            && RepresentationEligibility.MayTakePart(await FindAsync(register, subject, cancellationToken));
    }
}
