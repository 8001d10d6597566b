namespace CitizenServices.Domain.Identity;

/// <summary>Why an input is not a national identity number; stable, so the edge can map it to a problem type.</summary>
public enum NationalIdentityNumberError
{
    None,
    Missing,
    Length,
    NonDigit,
    InvalidDate,
    ControlDigit,
}
