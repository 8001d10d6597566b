namespace CitizenServices.Application.PopulationRegister;

/// <summary>What a guardianship mandate covers. Helsenorge services need <see cref="Personal"/> or <see cref="Health"/>.</summary>
public enum GuardianshipScope
{
    /// <summary>Personal matters (personlige forhold).</summary>
    Personal,

    /// <summary>Health matters (helse).</summary>
    Health,

    /// <summary>Financial matters (økonomiske forhold): gives no access to health services.</summary>
    Financial,
}
