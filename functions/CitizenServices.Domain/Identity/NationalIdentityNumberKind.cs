namespace CitizenServices.Domain.Identity;

/// <summary>Which register assigned the number; a synthetic test number keeps the kind it imitates.</summary>
public enum NationalIdentityNumberKind
{
    /// <summary>Birth number (fødselsnummer) from the national population register.</summary>
    Birth,

    /// <summary>D-number: day + 40, for people without a birth number (e.g. temporary residents).</summary>
    DNumber,

    /// <summary>H-number: month + 40, assigned by a health institution when neither of the others is known.</summary>
    HNumber,
}
