namespace CitizenServices.Domain.Authorization;

/// <summary>
/// What an endpoint touches on a person's behalf. Every subject-scoped endpoint declares one, and a
/// representation allows a request only when its scopes include it.
/// </summary>
public readonly record struct Scope(string Value)
{
    /// <summary>The person's own access log.</summary>
    public static readonly Scope AccessLog = new("access-log");

    /// <summary>Booking, moving and cancelling appointments.</summary>
    public static readonly Scope Appointments = new("appointments");

    /// <summary>Messages with health services.</summary>
    public static readonly Scope Messages = new("messages");

    /// <summary>Hospital and GP records, test results, referrals.</summary>
    public static readonly Scope HealthRecords = new("health-records");

    /// <summary>Prescriptions.</summary>
    public static readonly Scope Prescriptions = new("prescriptions");

    /// <summary>Consents, reservations and privacy settings: only the person (or a parent of a young child) decides.</summary>
    public static readonly Scope Consents = new("consents");

    /// <summary>Who represents the person, and fullmakt the person gives.</summary>
    public static readonly Scope Representation = new("representation");

    public override string ToString() => Value;
}
