namespace CitizenServices.Domain.Representation;

/// <summary>
/// Scopes the representation rules need beyond <see cref="Scope"/>'s service areas.
/// </summary>
public static class RepresentationScopes
{
    /// <summary>
    /// Appointments with GP (fastlege) and municipal schedules only. A parent of a 12–15 year old holds this and
    /// not <see cref="Scope.Appointments"/>, because specialist-care appointments are closed to them. Every basis
    /// that grants <see cref="Scope.Appointments"/> also grants this (see <see cref="WithImplied"/>), so a booking
    /// endpoint for a primary-care schedule can declare this scope and serve both.
    /// </summary>
    public static readonly Scope AppointmentsPrimaryCare = new("appointments-primary-care");

    /// <summary>
    /// The list of people a person can act for. No representation kind ever grants it: that list belongs to the
    /// person alone, so a representative cannot see or use the principal's own representations (no chains).
    /// </summary>
    public static readonly Scope OwnRepresentations = new("own-representations");

    /// <summary>
    /// The scopes a set of service areas amounts to: <see cref="Scope.Appointments"/> includes the primary-care
    /// part. Representation kinds build their scope sets through here so the implication holds for every kind.
    /// </summary>
    public static IReadOnlySet<Scope> WithImplied(IEnumerable<Scope> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var set = new HashSet<Scope>(scopes);
        if (set.Contains(Scope.Appointments))
        {
            set.Add(AppointmentsPrimaryCare);
        }

        // Never grantable, whatever a caller passes in.
        set.Remove(OwnRepresentations);
        return set;
    }
}
