namespace CitizenServices.Domain.Consent;

/// <summary>What a decide request asks for, as the endpoint read it.</summary>
public sealed record ConsentRequest(ConsentChoice Choice, ConsentVersion Version, DateOnly? ValidTo);

/// <summary>The outcome of deciding: the decision now in force for the person and whether it is new.</summary>
public sealed record ConsentDecided(ConsentDecision Decision, bool Changed);

/// <summary>The consent rules (docs/consent.md); each has a test named after it.</summary>
public static class ConsentRules
{
    /// <summary>A parent decides for a child younger than this; from this age only the person decides.</summary>
    public const int ParentDecidesUnder = ParentalRepresentation.EndsAtAge;

    /// <summary>Rule: a decision's last day is at most this many years ahead (policy; without an end it lasts until changed).</summary>
    public const int MaxYearsAhead = 10;

    /// <summary>
    /// Rule: only the person, or a parent of a child under 16, decides. Fullmakt holders, guardians and foster parents
    /// never do, whatever scopes their basis carries (the scope check already keeps them out; this is the second lock).
    /// </summary>
    public static bool MayDecide(RepresentationBasis basis, NationalIdentityNumber subject, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis.Kind == BasisKind.Self
            || (basis.Kind == BasisKind.Parent && subject.AgeOn(today) < ParentDecidesUnder);
    }

    /// <summary>
    /// Decides a request against the definition and the person's current decision. A request that says exactly what the
    /// current decision says changes nothing (idempotent PUT); anything else is a new decision with the next sequence.
    /// </summary>
    public static Result<ConsentDecided> Decide(
        ConsentDefinition definition,
        ConsentDecision? current,
        ConsentRequest request,
        NationalIdentityNumber subject,
        NationalIdentityNumber actor,
        RepresentationBasis basis,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(basis);
        var today = DateOnly.FromDateTime(NorwegianTime.ToOslo(now).DateTime);
        if (!MayDecide(basis, subject, today))
        {
            return Error.Forbidden("You may not act for this person in this matter.");
        }

        var (inForce, notInForce) = ConsentChoices.For(definition.Kind);
        if (request.Choice != inForce && request.Choice != notInForce)
        {
            return Error.Invalid("decision-not-allowed", "decision",
                $"A {definition.Kind.Name()} is decided with '{inForce.Name()}' or '{notInForce.Name()}'.");
        }

        if (definition.Find(request.Version) is not { } seen)
        {
            return Error.Invalid("unknown-version", "version", $"'{definition.Id}' has no version {request.Version}.");
        }

        if (seen.Version.Major != definition.Current.Version.Major)
        {
            return Error.Invalid("version-outdated", "version",
                $"Version {request.Version} is outdated: decide on version {definition.Current.Version}.");
        }

        if (request.ValidTo is { } last)
        {
            if (request.Choice == notInForce)
            {
                return Error.Invalid("end-date-not-allowed", "validTo", $"'{notInForce.Name()}' has no end date.");
            }

            if (last < today)
            {
                return Error.Invalid("end-date-in-past", "validTo", "The last day must be today or later.");
            }

            if (last > today.AddYears(MaxYearsAhead))
            {
                return Error.Invalid("end-date-too-far", "validTo",
                    $"The last day can be at most {MaxYearsAhead} years ahead; leave it out for a decision until further notice.");
            }
        }

        if (subject.AgeOn(today) < definition.MinimumAge)
        {
            return Error.Invalid("subject-too-young", "subject",
                $"'{definition.Id}' applies from the age of {definition.MinimumAge}.");
        }

        if (current is not null && current.SaysTheSameAs(request.Choice, request.Version, request.ValidTo))
        {
            return new ConsentDecided(current, Changed: false);
        }

        var decision = new ConsentDecision(
            definition.Id, request.Choice, request.Version, seen.TextSha256, now, request.ValidTo, actor, basis.Kind, basis.RelationId,
            (current?.Sequence ?? 0) + 1);
        return new ConsentDecided(decision, Changed: true);
    }

    /// <summary>
    /// Rule: the state is derived on read. Withdrawn or lifted is inactive; given or reserved is expired once its last day
    /// has passed, stale when the definition has a newer major version, and otherwise active.
    /// </summary>
    public static ConsentStatus StatusOf(ConsentDecision decision, ConsentDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(definition);
        if (!decision.IsAffirmative)
        {
            return ConsentStatus.Inactive;
        }

        if (decision.ExpiresAt is { } end && end <= now)
        {
            return ConsentStatus.Expired;
        }

        return decision.Version.Major < definition.Current.Version.Major ? ConsentStatus.Stale : ConsentStatus.Active;
    }
}
