namespace CitizenServices.Domain.Guardianship;

/// <summary>
/// The areas a guardianship mandate (vergemål) covers, as the county governor (Statsforvalteren) decides them and the
/// population register feed reports them. Kept in the domain because what each area opens on Helsenorge is a rule.
/// </summary>
public enum MandateArea
{
    /// <summary>Personal matters (personlige forhold).</summary>
    Personal,

    /// <summary>Health matters (helse).</summary>
    Health,

    /// <summary>Financial matters (økonomiske forhold).</summary>
    Financial,
}

public static class MandateAreas
{
    /// <summary>The names used on the wire and in storage, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["personal", "health", "financial"];

    public static string Name(this MandateArea area) => area switch
    {
        MandateArea.Personal => "personal",
        MandateArea.Health => "health",
        MandateArea.Financial => "financial",
        _ => throw new ArgumentOutOfRangeException(nameof(area), area, "Unknown mandate area."),
    };

    public static bool TryParse(string? name, out MandateArea area)
    {
        switch (name)
        {
            case "personal":
                area = MandateArea.Personal;
                return true;
            case "health":
                area = MandateArea.Health;
                return true;
            case "financial":
                area = MandateArea.Financial;
                return true;
            default:
                area = default;
                return false;
        }
    }
}

/// <summary>What a guardian may do on Helsenorge for the ward (docs/guardianship.md, "Mandate to scopes").</summary>
public static class GuardianshipScopes
{
    /// <summary>
    /// Health matters open the health services: records, prescriptions, appointments and messages. The health mandate
    /// is the county governor's explicit decision that the guardian may deal with the ward's health care.
    /// </summary>
    public static IReadOnlySet<Scope> Health { get; } =
        RepresentationScopes.WithImplied([Scope.HealthRecords, Scope.Prescriptions, Scope.Appointments, Scope.Messages]);

    /// <summary>
    /// Personal matters without health: only arranging appointments (booking, moving, cancelling), the practical side of
    /// the ward's daily life a personal mandate is about. Records, prescriptions and message threads carry health
    /// information, which only a health mandate opens.
    /// </summary>
    public static IReadOnlySet<Scope> Personal { get; } = RepresentationScopes.WithImplied([Scope.Appointments]);

    /// <summary>
    /// Rule: only personal and health matters give access; financial matters alone give nothing. Never
    /// <see cref="Scope.Consents"/> (a guardian may not change consents or reservations), never
    /// <see cref="Scope.Representation"/> (no chains) and never <see cref="Scope.AccessLog"/> (the log is how the ward
    /// oversees who acts for them).
    /// </summary>
    public static IReadOnlySet<Scope> Of(IEnumerable<MandateArea> mandate)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        var scopes = new HashSet<Scope>();
        foreach (var area in mandate)
        {
            switch (area)
            {
                case MandateArea.Health:
                    scopes.UnionWith(Health);
                    break;
                case MandateArea.Personal:
                    scopes.UnionWith(Personal);
                    break;
                case MandateArea.Financial:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mandate), area, "Unknown mandate area.");
            }
        }

        return RepresentationScopes.WithImplied(scopes);
    }
}
