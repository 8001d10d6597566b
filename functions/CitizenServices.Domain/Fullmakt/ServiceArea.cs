namespace CitizenServices.Domain.Fullmakt;

/// <summary>
/// A service area a fullmakt can cover, as the citizen chooses it on Helsenorge. Each maps to the scopes it opens;
/// the mapping lives in <see cref="ServiceAreaCatalog"/> only.
/// </summary>
public readonly record struct ServiceArea(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// The project's catalog of service areas a fullmakt may cover (domain rules, "Fullmakt": a catalog the project
/// defines). Deliberately absent: <see cref="Scope.Consents"/> (a representative may not change the principal's
/// consents, reservations or privacy settings), <see cref="Scope.Representation"/> (no chains: a representative may
/// neither give fullmakt on the principal's behalf nor manage who represents them) and <see cref="Scope.AccessLog"/>
/// (the log is how the principal oversees their representatives, and it names the other people who act for them).
/// </summary>
public static class ServiceAreaCatalog
{
    public static readonly ServiceArea Appointments = new("appointments");
    public static readonly ServiceArea Messages = new("messages");
    public static readonly ServiceArea HealthRecords = new("health-records");
    public static readonly ServiceArea Prescriptions = new("prescriptions");

    /// <summary>Every area with the scopes it opens, in display order.</summary>
    public static IReadOnlyDictionary<ServiceArea, IReadOnlySet<Scope>> Areas { get; } = new Dictionary<ServiceArea, IReadOnlySet<Scope>>
    {
        [Appointments] = new HashSet<Scope> { Scope.Appointments },
        [Messages] = new HashSet<Scope> { Scope.Messages },
        [HealthRecords] = new HashSet<Scope> { Scope.HealthRecords },
        [Prescriptions] = new HashSet<Scope> { Scope.Prescriptions },
    };

    public static IReadOnlyList<ServiceArea> All { get; } = [Appointments, Messages, HealthRecords, Prescriptions];

    /// <summary>Scopes no service area may ever open, whatever the catalog says.</summary>
    public static IReadOnlySet<Scope> NeverDelegated { get; } = new HashSet<Scope> { Scope.Consents, Scope.Representation, Scope.AccessLog };

    public static bool TryParse(string? value, out ServiceArea area)
    {
        area = new ServiceArea(value ?? string.Empty);
        return value is not null && Areas.ContainsKey(area);
    }

    /// <summary>
    /// Rule "never more than the principal": the scopes the areas open, intersected with what the principal may do
    /// themself, and never a scope in <see cref="NeverDelegated"/>.
    /// </summary>
    public static IReadOnlySet<Scope> ScopesOf(IEnumerable<ServiceArea> areas, IReadOnlySet<Scope> principalOwnScopes)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(principalOwnScopes);
        var opened = new HashSet<Scope>();
        foreach (var area in areas)
        {
            if (Areas.TryGetValue(area, out var scopesOfArea))
            {
                opened.UnionWith(scopesOfArea);
            }
        }

        // Appointments include the primary-care part, as for every representation kind.
        var scopes = new HashSet<Scope>(RepresentationScopes.WithImplied(opened));
        scopes.IntersectWith(principalOwnScopes);
        scopes.ExceptWith(NeverDelegated);
        return scopes;
    }
}

/// <summary>What a person may do for themself on Helsenorge, the ceiling of anything they delegate.</summary>
public static class PrincipalScopes
{
    /// <summary>
    /// A giver is at least 16 (of age for health matters) and so may do everything for themself. Kept as a function of
    /// the principal so a future restriction (e.g. a court order) narrows every fullmakt with it.
    /// </summary>
    public static IReadOnlySet<Scope> OfAdultForHealthMatters { get; } = RepresentationScopes.WithImplied(
    [
        Scope.AccessLog, Scope.Appointments, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions, Scope.Consents, Scope.Representation,
    ]);
}
