namespace CitizenServices.Domain.Fullmakt;

public enum FullmaktKind
{
    /// <summary>Given by the principal on Helsenorge.</summary>
    Ordinary,

    /// <summary>Registered by an administrator on a doctor's certificate for a person lacking capacity to consent.</summary>
    LackingCapacity,
}

public enum FullmaktEndedBy
{
    Giver,
    Representative,

    /// <summary>One of the parties died (the population register says so): nobody ended it, the death did.</summary>
    Death,
}

/// <summary>Derived on read from the clock, never stored: nothing needs a job to expire.</summary>
public enum FullmaktStatus
{
    /// <summary>Starts on a later date (a renewal of a fullmakt for a person lacking capacity).</summary>
    Pending,
    Active,
    Expired,
    Ended,
}

/// <summary>
/// When and by whom a fullmakt was ended. Ending is immediate. <paramref name="Deceased"/> names the party whose death
/// ended it (only with <see cref="FullmaktEndedBy.Death"/>; not stored, carried to the event of the ending).
/// </summary>
public sealed record FullmaktEnding(DateTimeOffset At, FullmaktEndedBy By, NationalIdentityNumber? Deceased = null);

public static class FullmaktKinds
{
    public static BasisKind ToBasisKind(this FullmaktKind kind) =>
        kind == FullmaktKind.LackingCapacity ? BasisKind.FullmaktLackingCapacity : BasisKind.Fullmakt;

    public static string Name(this FullmaktKind kind) => kind.ToBasisKind().Value;

    public static bool TryParse(string? name, out FullmaktKind kind)
    {
        kind = name == BasisKind.FullmaktLackingCapacity.Value ? FullmaktKind.LackingCapacity : FullmaktKind.Ordinary;
        return name == BasisKind.Fullmakt.Value || name == BasisKind.FullmaktLackingCapacity.Value;
    }
}
