namespace CitizenServices.Application.PopulationRegister;

/// <summary>
/// Address protection (adressebeskyttelse) in the population register. A person with either protection can
/// neither represent nor be represented through Helsenorge.
/// </summary>
public enum AddressProtection
{
    None = 0,

    /// <summary>Code 7, "fortrolig".</summary>
    Confidential = 7,

    /// <summary>Code 6, "strengt fortrolig": the register does not disclose the address at all.</summary>
    StrictlyConfidential = 6,
}
