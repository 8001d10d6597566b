namespace CitizenServices.Domain.Fullmakt;

/// <summary>
/// One fullmakt: the giver (the principal) lets the representative act for them in the chosen service areas from
/// <see cref="ValidFrom"/> through <see cref="ValidToDate"/> (an inclusive Europe/Oslo date; null = until further
/// notice), unless ended earlier. It is never edited: a change is an end plus a new fullmakt, so each one is a
/// complete record of what was allowed when.
/// </summary>
public sealed record Fullmakt
{
    public required Guid Id { get; init; }

    public required FullmaktKind Kind { get; init; }

    public required NationalIdentityNumber Giver { get; init; }

    public required NationalIdentityNumber Representative { get; init; }

    public required IReadOnlyList<ServiceArea> ServiceAreas { get; init; }

    /// <summary>When it was registered.</summary>
    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>The instant it starts to apply (the grant itself, or Oslo midnight of a later start date).</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>The last Europe/Oslo day it applies; null until further notice.</summary>
    public DateOnly? ValidToDate { get; init; }

    /// <summary>The doctor's certificate a fullmakt for a person lacking capacity rests on; null otherwise.</summary>
    public string? CertificateReference { get; init; }

    /// <summary>The administrator who registered a fullmakt for a person lacking capacity (their object id); null otherwise.</summary>
    public string? RegisteredBy { get; init; }

    public FullmaktEnding? Ending { get; init; }

    /// <summary>Exclusive end instant from the date alone: Oslo midnight after <see cref="ValidToDate"/>.</summary>
    public DateTimeOffset? ExpiresAt => ValidToDate is { } last ? NorwegianTime.ToUtc(last.AddDays(1), TimeOnly.MinValue) : null;

    /// <summary>Exclusive end instant: the earlier of expiry and ending.</summary>
    public DateTimeOffset? EffectiveEnd => (ExpiresAt, Ending?.At) switch
    {
        ({ } expires, { } ended) => expires < ended ? expires : ended,
        ({ } expires, null) => expires,
        (null, { } ended) => ended,
        _ => null,
    };

    /// <summary>The scopes it opens: its areas, capped by what the principal may do themself.</summary>
    public IReadOnlySet<Scope> Scopes => ServiceAreaCatalog.ScopesOf(ServiceAreas, PrincipalScopes.OfAdultForHealthMatters);

    public FullmaktStatus StatusAt(DateTimeOffset now) =>
        Ending is { } ending && ending.At <= now ? FullmaktStatus.Ended
        : ExpiresAt is { } expires && expires <= now ? FullmaktStatus.Expired
        : now < ValidFrom ? FullmaktStatus.Pending
        : FullmaktStatus.Active;

    /// <summary>Not ended and not expired: active now or starting later.</summary>
    public bool IsCurrentAt(DateTimeOffset now) => StatusAt(now) is FullmaktStatus.Active or FullmaktStatus.Pending;

    /// <summary>The basis the policy enforcement point decides with; its validity already includes an ending.</summary>
    public RepresentationBasis ToBasis() => new(Kind.ToBasisKind(), Id.ToString(), Scopes, ValidFrom, EffectiveEnd);

    /// <summary>The fullmakt as it was when granted (what an idempotent retry of the grant returns).</summary>
    public Fullmakt AsGranted() => this with { Ending = null };

    /// <summary>The Oslo date it starts.</summary>
    public DateOnly ValidFromDate => DateOnly.FromDateTime(NorwegianTime.ToOslo(ValidFrom).DateTime);
}
