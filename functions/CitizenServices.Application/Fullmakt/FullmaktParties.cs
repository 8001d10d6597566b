namespace CitizenServices.Application.Fullmakt;

/// <summary>Reads the register facts the fullmakt rules need, at request time.</summary>
public sealed class FullmaktParties(IPopulationRegister register)
{
    public async Task<FullmaktParty> FindAsync(NationalIdentityNumber id, CancellationToken cancellationToken) =>
        new(id, Standing(await register.FindAsync(id, cancellationToken)));

    public static PartyStanding Standing(RegisteredPerson? person) => person switch
    {
        null => PartyStanding.NotRegistered,
        { IsDeceased: true } => PartyStanding.Deceased,
        { HasProtectedAddress: true } => PartyStanding.ProtectedAddress,
        _ => PartyStanding.Eligible,
    };
}
