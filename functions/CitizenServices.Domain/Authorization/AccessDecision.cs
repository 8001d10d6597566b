namespace CitizenServices.Domain.Authorization;

/// <summary>
/// The outcome of asking whether a caller may act for a subject in a scope, now. A denial carries no reason:
/// the caller learns nothing about the subject, not even whether the person exists.
/// </summary>
public sealed record AccessDecision
{
    private AccessDecision(RepresentationBasis? basis) => Basis = basis;

    public static AccessDecision Denied { get; } = new((RepresentationBasis?)null);

    /// <summary>The basis that allowed the request; null when denied.</summary>
    public RepresentationBasis? Basis { get; }

    public bool IsAllowed => Basis is not null;

    public bool IsSelf => Basis?.Kind == BasisKind.Self;

    public static AccessDecision Allowed(RepresentationBasis basis) => new(basis);

    /// <summary>
    /// Rule: the caller is the subject, or holds a representation of the subject valid at <paramref name="now"/>
    /// that covers <paramref name="scope"/>. Of several that do, the one that ends last is taken, so the access
    /// log names the most durable basis deterministically.
    /// </summary>
    public static AccessDecision Decide(
        NationalIdentityNumber caller,
        NationalIdentityNumber subject,
        Scope scope,
        IEnumerable<RepresentationBasis> bases,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bases);
        if (caller == subject)
        {
            return Allowed(SelfBasis);
        }

        RepresentationBasis? best = null;
        foreach (var basis in bases)
        {
            if (basis.Kind != BasisKind.Self && basis.Covers(scope, now) && (best is null || EndsLater(basis, best)))
            {
                best = basis;
            }
        }

        return best is null ? Denied : Allowed(best);
    }

    private static readonly RepresentationBasis SelfBasis =
        new(BasisKind.Self, "self", new HashSet<Scope>(), DateTimeOffset.MinValue, null);

    private static bool EndsLater(RepresentationBasis candidate, RepresentationBasis current) =>
        (candidate.ValidTo, current.ValidTo) switch
        {
            (null, not null) => true,
            (not null, not null) => candidate.ValidTo > current.ValidTo,
            _ => false,
        };
}
