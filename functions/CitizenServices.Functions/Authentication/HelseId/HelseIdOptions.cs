namespace CitizenServices.Functions.Authentication.HelseId;

/// <summary>
/// Sector systems (hospitals, pharmacies, GP systems): HelseID access tokens, sender-constrained with DPoP (RFC 9449).
/// Section <c>Authentication:HelseId</c>.
/// </summary>
public sealed class HelseIdOptions
{
    public const string SectionName = "Authentication:HelseId";

    /// <summary>HelseID's issuer (production; the test environment is <c>https://helseid-sts.test.nhn.no</c>).</summary>
    public string Issuer { get; set; } = "https://helseid-sts.nhn.no";

    /// <summary>The API resource this service is registered as in HelseID; tokens for it carry it as <c>aud</c>.</summary>
    public string Audience { get; set; } = HelseIdScopes.ApiResource;

    /// <summary>HelseID's discovery document, from which signing keys are fetched and rotated; defaults to the issuer's.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>PEM public keys trusted instead of the discovery document (tests, offline environments).</summary>
    public IList<string> SigningKeys { get; } = [];

    /// <summary>
    /// The origins clients call this API at (e.g. <c>https://func-citizen-services.azurewebsites.net</c>): a proof's
    /// <c>htu</c> must be one of them plus the request path. Behind the Functions host the handler sees the loopback
    /// address, not the client's, so production must list the public ones. Empty: the request's own origin.
    /// </summary>
    public IList<string> PublicOrigins { get; } = [];

    /// <summary>How old a DPoP proof (its <c>iat</c>) may be when it arrives. Each request carries a new proof.</summary>
    public TimeSpan ProofMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far a client's clock may run ahead of or behind ours, for proofs and token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a presented proof is remembered: as long as it could still be accepted, and a minute more.</summary>
    public TimeSpan ReplayRetention => ProofMaxAge + (2 * ClockSkew) + TimeSpan.FromMinutes(1);

    public string ResolveMetadataAddress() => MetadataAddress ?? Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
}

/// <summary>
/// Claim names in HelseID access tokens (HelseID's published claims; <c>client_id</c>, <c>scope</c> and <c>cnf</c> from
/// RFC 9068, RFC 8693 and RFC 7800).
/// </summary>
public static class HelseIdClaims
{
    public const string ClientId = "client_id";
    public const string Scope = "scope";
    public const string Confirmation = "cnf";

    /// <summary>The legal entity (hovedenhet) the client acts for.</summary>
    public const string OrganisationNumberParent = "helseid://claims/client/claims/orgnr_parent";

    /// <summary>The sub-unit (underenhet), for clients that act for one, e.g. a hospital department.</summary>
    public const string OrganisationNumberChild = "helseid://claims/client/claims/orgnr_child";

    /// <summary>The health personnel's HPR number, in tokens bound to a user.</summary>
    public const string HprNumber = "helseid://claims/hpr/hpr_number";

    /// <summary>The client's registered name (the system, e.g. an EHR), not the organisation's.</summary>
    public const string ClientName = "helseid://claims/client/client_name";
}

/// <summary>
/// The scopes this API defines in HelseID (<c>{api resource}/{name}</c>, HelseID's convention) and what each allows.
/// A client is granted them in HelseID's self-service; the token carries the ones it asked for.
/// </summary>
public static class HelseIdScopes
{
    public const string ApiResource = "nhn:helsenorge-citizen-services";

    /// <summary>Look up one person's current decision on a consent, reservation or restriction.</summary>
    public const string ConsentsRead = ApiResource + "/consents.read";

    /// <summary>List the people with an active decision on a definition (a bulk read, granted separately).</summary>
    public const string ConsentsList = ApiResource + "/consents.list";

    /// <summary>Check whether someone may act for a person in a matter (e.g. collect their prescriptions).</summary>
    public const string RepresentationRead = ApiResource + "/representation.read";

    public static IReadOnlyList<string> All { get; } = [ConsentsRead, ConsentsList, RepresentationRead];
}

/// <summary>The authentication schemes for sector systems.</summary>
public static class SectorSchemes
{
    /// <summary>HelseID access tokens with DPoP.</summary>
    public const string HelseId = "HelseID";

    /// <summary>
    /// Picks the scheme from the request: <c>Authorization: DPoP</c>, or a bearer token HelseID issued or bound to a key,
    /// goes to <see cref="HelseId"/> (which refuses the bearer form); any other bearer token to Entra ID.
    /// </summary>
    public const string Sector = "Sector";
}
