namespace CitizenServices.Domain.Representation;

/// <summary>What parental responsibility is worth at the child's age (Europe/Oslo date, completed years).</summary>
public enum ParentalAgeBand
{
    /// <summary>Under 12: full representation, if a parent with parental responsibility lives with the child.</summary>
    UnderTwelve,

    /// <summary>12–15: restricted; no hospital records, prescriptions or specialist care.</summary>
    TwelveToFifteen,

    /// <summary>16 and over: of age for health matters; parents have no access without a fullmakt.</summary>
    SixteenAndOver,
}
