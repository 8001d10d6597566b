using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenServices.DevTokens;

/// <summary>
/// A client's DPoP key pair (RFC 9449), as a HelseID client holds one: its thumbprint binds an access token
/// (<c>cnf.jkt</c>), and it signs one proof per request. Used by the token command and by the tests, which also make
/// deliberately broken proofs with it.
/// </summary>
public sealed class DPoPKey
{
    private readonly SecurityKey _key;
    private readonly string _algorithm;

    private DPoPKey(SecurityKey key, string algorithm, Dictionary<string, object> publicJwk)
    {
        _key = key;
        _algorithm = algorithm;
        PublicJwk = publicJwk;
        var jwk = new JsonWebKey(System.Text.Json.JsonSerializer.Serialize(publicJwk));
        Thumbprint = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    /// <summary>The public key as the proof's <c>jwk</c> header carries it (required members only).</summary>
    public IReadOnlyDictionary<string, object> PublicJwk { get; }

    /// <summary>The RFC 7638 SHA-256 thumbprint, base64url: the token's <c>cnf.jkt</c>.</summary>
    public string Thumbprint { get; }

    /// <summary>A fresh P-256 key (ES256), as HelseID's samples use.</summary>
    public static DPoPKey NewEcdsa() => FromEcdsa(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A fresh 2048-bit RSA key (PS256).</summary>
    public static DPoPKey NewRsa()
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        return new DPoPKey(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSsaPssSha256, new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        });
    }

    /// <summary>The committed development key (functions/dev/development-dpop-key.pem).</summary>
    public static DPoPKey Development()
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dev", "development-dpop-key.pem")));
        return FromEcdsa(ec);
    }

    /// <summary>
    /// A proof for one request: <c>htm</c> and <c>htu</c> (query and fragment dropped, as RFC 9449 §4.2 asks), a new
    /// <c>jti</c>, <c>iat</c> now, and <c>ath</c> for the access token. Tests override any of them to make a bad proof.
    /// </summary>
    public string Proof(
        string method, string url, string? accessToken, DateTimeOffset? issuedAt = null, string? jti = null, string? ath = null,
        Action<SecurityTokenDescriptor>? adjust = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
            ["htm"] = method,
            ["htu"] = WithoutQuery(url),
            ["iat"] = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        };
        if (ath is not null || accessToken is not null)
        {
            claims["ath"] = ath ?? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken!)));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = "dpop+jwt",
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = PublicJwk },
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, _algorithm),
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static DPoPKey FromEcdsa(ECDsa ec)
    {
        var parameters = ec.ExportParameters(false);
        return new DPoPKey(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256, new Dictionary<string, object>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        });
    }

    private static string WithoutQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;
}
