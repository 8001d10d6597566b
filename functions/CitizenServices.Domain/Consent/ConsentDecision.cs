namespace CitizenServices.Domain.Consent;

/// <summary>
/// What the person decided. Consents and restrictions are <see cref="Given"/> or <see cref="Withdrawn"/>; reservations
/// are <see cref="Reserved"/> or <see cref="Lifted"/>.
/// </summary>
public enum ConsentChoice
{
    Given,
    Withdrawn,
    Reserved,
    Lifted,
}

/// <summary>A decision's state, derived on read from the decision, the definition's current version and the clock.</summary>
public enum ConsentStatus
{
    /// <summary>Given or reserved, not expired, on the definition's current major version: in force.</summary>
    Active,

    /// <summary>Withdrawn or lifted.</summary>
    Inactive,

    /// <summary>Given or reserved with an end date that has passed.</summary>
    Expired,

    /// <summary>Given or reserved on an older major version: a new decision is needed.</summary>
    Stale,
}

/// <summary>
/// One decision on one definition, as stored: the current one and every entry of the history have this shape.
/// <see cref="ValidTo"/> is the last day it applies (Europe/Oslo), null for until further notice. Who decided and on what
/// basis (<c>self</c> or <c>parent</c> with the relation id) is kept for the history.
/// </summary>
public sealed record ConsentDecision(
    string DefinitionId,
    ConsentChoice Choice,
    ConsentVersion Version,
    string TextSha256,
    DateTimeOffset DecidedAt,
    DateOnly? ValidTo,
    NationalIdentityNumber DecidedBy,
    BasisKind Basis,
    string RelationId,
    long Sequence)
{
    /// <summary>Given or reserved: the choice that puts the definition in force for the person.</summary>
    public bool IsAffirmative => Choice is ConsentChoice.Given or ConsentChoice.Reserved;

    /// <summary>The exclusive end: Oslo midnight after <see cref="ValidTo"/>; null without an end date.</summary>
    /// <remarks>A last day the rules would refuse today (stored before they did) must still read: it never expires.</remarks>
    public DateTimeOffset? ExpiresAt => ValidTo is { } last
        ? last < DateOnly.MaxValue ? NorwegianTime.ToUtc(last.AddDays(1), TimeOnly.MinValue) : DateTimeOffset.MaxValue
        : null;

    /// <summary>True when a request for this choice, version and end date asks for exactly what this decision already says.</summary>
    public bool SaysTheSameAs(ConsentChoice choice, ConsentVersion version, DateOnly? validTo) =>
        Choice == choice && Version == version && ValidTo == validTo;
}

public static class ConsentChoices
{
    public static string Name(this ConsentChoice choice) => choice switch
    {
        ConsentChoice.Given => "given",
        ConsentChoice.Withdrawn => "withdrawn",
        ConsentChoice.Reserved => "reserved",
        ConsentChoice.Lifted => "lifted",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown consent choice."),
    };

    public static bool TryParse(string? name, out ConsentChoice choice) => WireNames.TryParse(name, Name, out choice);

    /// <summary>The two choices a definition of <paramref name="kind"/> takes: in force first.</summary>
    public static (ConsentChoice InForce, ConsentChoice NotInForce) For(ConsentKind kind) =>
        kind == ConsentKind.Reservation ? (ConsentChoice.Reserved, ConsentChoice.Lifted) : (ConsentChoice.Given, ConsentChoice.Withdrawn);

    public static string Name(this ConsentStatus status) => status switch
    {
        ConsentStatus.Active => "active",
        ConsentStatus.Inactive => "inactive",
        ConsentStatus.Expired => "expired",
        ConsentStatus.Stale => "stale",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown consent status."),
    };
}
