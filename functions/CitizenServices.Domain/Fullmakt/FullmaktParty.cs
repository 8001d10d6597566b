namespace CitizenServices.Domain.Fullmakt;

public enum PartyStanding
{
    /// <summary>In the population register, alive, no protected address.</summary>
    Eligible,

    NotRegistered,
    Deceased,

    /// <summary>Confidential (7) or strictly confidential (6) address: can neither represent nor be represented.</summary>
    ProtectedAddress,
}

/// <summary>The register facts a fullmakt rule needs about one person, read by the use case at request time.</summary>
public sealed record FullmaktParty(NationalIdentityNumber Id, PartyStanding Standing);
