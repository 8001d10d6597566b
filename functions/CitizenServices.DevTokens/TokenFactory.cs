using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenServices.DevTokens;

/// <summary>
/// Mints tokens shaped like the real issuers': ID-porten for citizens (<c>pid</c>, <c>acr</c>), Entra ID for
/// the workforce and systems (<c>roles</c>, a municipality claim) and HelseID for sector systems (organisation numbers,
/// scopes, <c>cnf.jkt</c> for DPoP). The same code serves the developer's
/// token command and the tests, so what the tests prove holds for the tokens developers use.
/// </summary>
public sealed class TokenFactory(SecurityKey signingKey, string algorithm)
{
    public const string CitizenIssuer = "https://idporten.no";
    public const string CitizenAudience = "https://helsenorge.no/citizen-services";
    public const string WorkforceIssuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0";
    public const string WorkforceAudience = "api://citizen-services";
    public const string TenantId = "00000000-0000-0000-0000-000000000001";
    public const string HelseIdIssuer = "https://helseid-sts.nhn.no";
    public const string HelseIdAudience = "nhn:helsenorge-citizen-services";

    public SecurityKey SigningKey { get; } = signingKey;

    /// <summary>A factory signing with the committed development key (RS256).</summary>
    public static TokenFactory Development()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dev", "development-signing-key.pem")));
        return new TokenFactory(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
    }

    /// <summary>A fresh RSA key (RS256), for tests.</summary>
    public static TokenFactory NewRsa() => new(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256);

    /// <summary>A fresh P-256 key (ES256), for tests.</summary>
    public static TokenFactory NewEcdsa() => new(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)), SecurityAlgorithms.EcdsaSha256);

    /// <summary>The public key as PEM, for the handler's SigningKeys settings.</summary>
    public string PublicKeyPem() => SigningKey switch
    {
        RsaSecurityKey { Rsa: { } rsa } => rsa.ExportSubjectPublicKeyInfoPem(),
        ECDsaSecurityKey { ECDsa: { } ec } => ec.ExportSubjectPublicKeyInfoPem(),
        _ => throw new InvalidOperationException("Only RSA and ECDSA keys are supported."),
    };

    public string Citizen(string pid, string acr = "idporten-loa-high", TimeSpan? lifetime = null, Action<SecurityTokenDescriptor>? adjust = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = CitizenIssuer,
            Audience = CitizenAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = new Dictionary<string, object>
            {
                ["pid"] = pid,
                ["acr"] = acr,
                ["amr"] = new[] { "BankID" },
                ["client_id"] = "helsenorge-frontend",
                ["jti"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = new SigningCredentials(SigningKey, algorithm),
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public string Workforce(IEnumerable<string> roles, string? municipality, string objectId = "11111111-2222-3333-4444-555555555555",
        string municipalityClaim = "kommunenummer", Action<SecurityTokenDescriptor>? adjust = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["roles"] = roles.ToArray(),
            ["oid"] = objectId,
            ["tid"] = TenantId,
            ["azp"] = "case-system-client",
            ["sub"] = objectId,
            ["ver"] = "2.0",
        };
        if (municipality is not null)
        {
            claims[municipalityClaim] = municipality;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = WorkforceIssuer,
            Audience = WorkforceAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, algorithm),
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// A HelseID access token for a sector system (client credentials, or user-bound with <paramref name="hprNumber"/>),
    /// shaped like HelseID's: <c>client_id</c>, the organisation numbers, <c>scope</c> as an array, and <c>cnf.jkt</c>
    /// binding it to <paramref name="dpopThumbprint"/> (null for an unbound token).
    /// </summary>
    public string Sector(
        string organisationNumber, IEnumerable<string> scopes, string? dpopThumbprint, string? subUnit = null, string? hprNumber = null,
        string clientId = "8c1b6f4e-5a1d-4e3a-9a51-3d5f2b7c9e10", TimeSpan? lifetime = null, Action<SecurityTokenDescriptor>? adjust = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["helseid://claims/client/client_name"] = "Development EHR",
            ["helseid://claims/client/claims/orgnr_parent"] = organisationNumber,
            ["helseid://claims/client/amr"] = "rsa_private_key",
            ["scope"] = scopes.ToArray(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (subUnit is not null)
        {
            claims["helseid://claims/client/claims/orgnr_child"] = subUnit;
        }

        if (hprNumber is not null)
        {
            claims["helseid://claims/hpr/hpr_number"] = hprNumber;
            claims["sub"] = "dev-user-" + hprNumber;
        }

        if (dpopThumbprint is not null)
        {
            claims["cnf"] = new Dictionary<string, object> { ["jkt"] = dpopThumbprint };
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = HelseIdIssuer,
            Audience = HelseIdAudience,
            TokenType = "at+jwt",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(SigningKey, algorithm),
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Claims as a principal, for tests that need one without HTTP.</summary>
    public static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
