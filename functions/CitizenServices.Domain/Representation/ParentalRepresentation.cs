namespace CitizenServices.Domain.Representation;

/// <summary>
/// Parents' representation of a child, from parental responsibility in the population register, by age band.
/// Decided at request time on the Europe/Oslo date; nothing is stored, so nothing has to expire.
/// </summary>
public static class ParentalRepresentation
{
    public const int RestrictedFromAge = 12;
    public const int EndsAtAge = 16;

    /// <summary>Under 12: every service area, consents included.</summary>
    public static IReadOnlySet<Scope> UnderTwelveScopes { get; } = RepresentationScopes.WithImplied(
    [
        Scope.AccessLog, Scope.Appointments, Scope.Messages, Scope.HealthRecords, Scope.Prescriptions,
        Scope.Consents, Scope.Representation,
    ]);

    /// <summary>
    /// 12–15: GP and municipal appointments, consents (a parent decides them for a child under 16), who
    /// represents the child, and the child's access log. Not health records, prescriptions, or
    /// <see cref="Scope.Appointments"/> (which includes specialist care). Not messages either: the messages
    /// scope covers hospitals too and a message thread can carry test results or referrals, which the rule
    /// closes to parents; a primary-care-only message scope can be added when messaging needs it.
    /// </summary>
    public static IReadOnlySet<Scope> TwelveToFifteenScopes { get; } = RepresentationScopes.WithImplied(
    [
        Scope.AccessLog, RepresentationScopes.AppointmentsPrimaryCare, Scope.Consents, Scope.Representation,
    ]);

    public static ParentalAgeBand BandOn(NationalIdentityNumber child, DateOnly today) =>
        child.AgeOn(today) switch
        {
            < RestrictedFromAge => ParentalAgeBand.UnderTwelve,
            < EndsAtAge => ParentalAgeBand.TwelveToFifteen,
            _ => ParentalAgeBand.SixteenAndOver,
        };

    /// <summary>
    /// The first Europe/Oslo date on which <paramref name="person"/> is <paramref name="age"/>: for a 29 February
    /// birth in a common year that is 1 March, as <see cref="NationalIdentityNumber.AgeOn"/> counts.
    /// </summary>
    public static DateOnly Birthday(NationalIdentityNumber person, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        var birth = person.BirthDate;
        // Day 1 of the birth month plus (day - 1) rolls 29 February over to 1 March in a common year.
        return new DateOnly(birth.Year + age, birth.Month, 1).AddDays(birth.Day - 1);
    }

    /// <summary>
    /// Rule: a living parent with parental responsibility represents a living child under 16, with the scopes of
    /// the child's age band on <paramref name="today"/>; under 12 only when some parent with parental
    /// responsibility lives with the child (otherwise no parent may). The basis is valid for the band
    /// (from its first day to the birthday that ends it, midnight Europe/Oslo), so a listing can say until when.
    /// Returns null when the parent may not represent the child today.
    /// </summary>
    public static RepresentationBasis? Decide(ParentalFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.ParentIsDeceased || facts.ChildIsDeceased || facts.Parent == facts.Child || today < facts.Child.BirthDate)
        {
            return null;
        }

        var relationId = RelationId(facts.Parent, facts.Child);
        switch (BandOn(facts.Child, today))
        {
            case ParentalAgeBand.UnderTwelve when facts.AResponsibleParentLivesWithChild:
                return new RepresentationBasis(
                    BasisKind.Parent, relationId, UnderTwelveScopes,
                    StartOf(facts.Child.BirthDate), StartOf(Birthday(facts.Child, RestrictedFromAge)));
            case ParentalAgeBand.TwelveToFifteen:
                return new RepresentationBasis(
                    BasisKind.Parent, relationId, TwelveToFifteenScopes,
                    StartOf(Birthday(facts.Child, RestrictedFromAge)), StartOf(Birthday(facts.Child, EndsAtAge)));
            default:
                return null;
        }
    }

    /// <summary>
    /// A stable id for the parent–child relation without storing anything: a truncated SHA-256 of both numbers.
    /// It never shows a number (log redaction has nothing to mask), and it is the same on every request, so the
    /// child's access log names the same relation each time. It is a pseudonym, not a secret: anyone who knows
    /// both numbers can recompute it, so it is treated as personal data like a masked number.
    /// </summary>
    public static string RelationId(NationalIdentityNumber parent, NationalIdentityNumber child)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes($"helsenorge/parent/v1|{parent.Value}|{child.Value}"));
        return "parent-" + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    private static DateTimeOffset StartOf(DateOnly osloDate) => NorwegianTime.ToUtc(osloDate, TimeOnly.MinValue);
}
