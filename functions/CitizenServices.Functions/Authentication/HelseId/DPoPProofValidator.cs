using System.Security.Cryptography;

namespace CitizenServices.Functions.Authentication.HelseId;

/// <summary>A DPoP proof that passed every check but replay; <see cref="ProofId"/> is what the replay cache records.</summary>
public sealed record DPoPProof(string Thumbprint, string Jti, DateTimeOffset IssuedAt, string ProofId);

/// <summary>The outcome of checking a proof: the proof, or why it was refused (said to the client in the 401).</summary>
public sealed record DPoPProofResult(DPoPProof? Proof, string? Error)
{
    public static DPoPProofResult Refused(string error) => new(null, error);
}

/// <summary>
/// Checks a DPoP proof (RFC 9449 §4.3) presented with a DPoP-bound access token (§7.1): a JWT of type <c>dpop+jwt</c>
/// signed with an asymmetric algorithm by the public key in its own <c>jwk</c> header, for this request's method
/// (<c>htm</c>) and URI without query (<c>htu</c>), issued just now (<c>iat</c>), for this access token (<c>ath</c> = the
/// base64url SHA-256 of it), by the key the token is bound to (its <c>cnf.jkt</c> = the RFC 7638 thumbprint of
/// <c>jwk</c>). Replay (the same <c>jti</c> again) is the caller's second step, against the shared cache, so that only
/// proofs that pass everything else are recorded. Server-provided nonces (§8, §9) are not used.
/// </summary>
public sealed class DPoPProofValidator(HelseIdOptions options, TimeProvider time)
{
    public const string ProofType = "dpop+jwt";

    /// <summary>Asymmetric algorithms only (§4.2: no <c>none</c>, no MAC), as HelseID's own clients use them.</summary>
    public static IReadOnlyList<string> Algorithms { get; } =
    [
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    ];

    // Proofs are small (a header with a public key, five claims); anything much larger is not one.
    private const int MaxProofLength = 8192;
    private const int MaxJtiLength = 256;
    private const int MinRsaKeyBits = 2048;

    private static readonly string[] PrivateKeyMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private readonly JsonWebTokenHandler _handler = new();

    /// <param name="proof">The single <c>DPoP</c> header value.</param>
    /// <param name="method">The request's HTTP method.</param>
    /// <param name="targets">The URIs the request may have been sent to (scheme, host, port and path; the query is ignored).</param>
    /// <param name="accessToken">The access token as presented after <c>DPoP </c>.</param>
    /// <param name="boundThumbprint">The access token's <c>cnf.jkt</c>.</param>
    public async Task<DPoPProofResult> ValidateAsync(
        string proof, string method, IReadOnlyList<Uri> targets, string accessToken, string boundThumbprint)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (string.IsNullOrEmpty(proof) || proof.Length > MaxProofLength || proof.Count(c => c == '.') != 2 || !_handler.CanReadToken(proof))
        {
            return DPoPProofResult.Refused("The DPoP proof is not a signed JWT.");
        }

        JsonWebToken token;
        JsonElement header;
        JsonElement payload;
        try
        {
            token = _handler.ReadJsonWebToken(proof);
            header = ParseSegment(token.EncodedHeader);
            payload = ParseSegment(token.EncodedPayload);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return DPoPProofResult.Refused("The DPoP proof is not a signed JWT.");
        }

        if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
        {
            return DPoPProofResult.Refused("The DPoP proof is not a signed JWT.");
        }

        if (String(header, "typ") is not { } typ || !string.Equals(typ, ProofType, StringComparison.OrdinalIgnoreCase))
        {
            return DPoPProofResult.Refused($"The DPoP proof's typ must be {ProofType}.");
        }

        if (String(header, "alg") is not { } alg || !Algorithms.Contains(alg, StringComparer.Ordinal))
        {
            return DPoPProofResult.Refused($"The DPoP proof's alg must be one of {string.Join(", ", Algorithms)}.");
        }

        if (ReadKey(header, alg) is not { } key)
        {
            return DPoPProofResult.Refused("The DPoP proof's jwk must be a public RSA (2048 bits or more) or EC key that fits its alg.");
        }

        var validation = await _handler.ValidateTokenAsync(proof, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [alg],
            ValidTypes = [typ],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
        });
        if (!validation.IsValid)
        {
            return DPoPProofResult.Refused("The DPoP proof's signature does not verify with its jwk.");
        }

        if (String(payload, "jti") is not { Length: > 0 and <= MaxJtiLength } jti)
        {
            return DPoPProofResult.Refused("The DPoP proof has no jti (a unique id of at most 256 characters).");
        }

        if (String(payload, "htm") is not { } htm || !string.Equals(htm, method, StringComparison.Ordinal))
        {
            return DPoPProofResult.Refused("The DPoP proof's htm is not this request's method.");
        }

        if (String(payload, "htu") is not { } htu || !Uri.TryCreate(htu, UriKind.Absolute, out var htuUri)
            || !targets.Any(t => SameTarget(htuUri, t)))
        {
            return DPoPProofResult.Refused("The DPoP proof's htu is not this request's URI.");
        }

        if (!payload.TryGetProperty("iat", out var iatElement) || iatElement.ValueKind != JsonValueKind.Number
            || !iatElement.TryGetDouble(out var iatSeconds) || double.IsNaN(iatSeconds) || Math.Abs(iatSeconds) > 253402300799)
        {
            return DPoPProofResult.Refused("The DPoP proof has no iat.");
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(iatSeconds * 1000));
        var now = time.GetUtcNow();
        if (issuedAt > now + options.ClockSkew)
        {
            return DPoPProofResult.Refused("The DPoP proof's iat is in the future.");
        }

        if (issuedAt < now - options.ProofMaxAge - options.ClockSkew)
        {
            return DPoPProofResult.Refused("The DPoP proof is too old: make a new proof for every request.");
        }

        if (String(payload, "ath") is not { } ath || !FixedEquals(ath, AccessTokenHash(accessToken)))
        {
            return DPoPProofResult.Refused("The DPoP proof's ath is not the hash of this access token.");
        }

        var thumbprint = Thumbprint(key);
        if (!FixedEquals(thumbprint, boundThumbprint))
        {
            return DPoPProofResult.Refused("The DPoP proof is not signed by the key the access token is bound to (cnf.jkt).");
        }

        var proofId = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(thumbprint + "\n" + jti)));
        return new DPoPProofResult(new DPoPProof(thumbprint, jti, issuedAt, proofId), null);
    }

    /// <summary>RFC 9449 §4.2 <c>ath</c>: base64url (no padding) of the SHA-256 of the ASCII access token.</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>The RFC 7638 thumbprint (SHA-256, base64url) of a public key: the value of <c>cnf.jkt</c>.</summary>
    public static string Thumbprint(JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
    }

    /// <summary>
    /// RFC 9449 §4.3 item 9 with RFC 3986 §6.2.2-6.2.3 normalization: scheme and host without regard to case, default ports
    /// made explicit, the path as normalized by <see cref="Uri"/>; query and fragment ignored.
    /// </summary>
    public static bool SameTarget(Uri proof, Uri request)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(request);
        return (proof.Scheme == Uri.UriSchemeHttps || proof.Scheme == Uri.UriSchemeHttp)
            && string.Equals(proof.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(proof.IdnHost, request.IdnHost, StringComparison.OrdinalIgnoreCase)
            && proof.Port == request.Port
            && string.Equals(Path(proof), Path(request), StringComparison.Ordinal);
    }

    private static string Path(Uri uri)
    {
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return path.Length == 0 ? "/" : path;
    }

    private static JsonWebKey? ReadKey(JsonElement header, string alg)
    {
        if (!header.TryGetProperty("jwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object
            || PrivateKeyMembers.Any(m => jwk.TryGetProperty(m, out _)))
        {
            return null;
        }

        JsonWebKey key;
        bool fits;
        try
        {
            key = new JsonWebKey(jwk.GetRawText());
            fits = key.Kty switch
            {
                JsonWebAlgorithmsKeyTypes.RSA =>
                    (alg.StartsWith("RS", StringComparison.Ordinal) || alg.StartsWith("PS", StringComparison.Ordinal))
                    && !string.IsNullOrEmpty(key.N) && !string.IsNullOrEmpty(key.E)
                    && Base64UrlEncoder.DecodeBytes(key.N).Length * 8 >= MinRsaKeyBits,
                JsonWebAlgorithmsKeyTypes.EllipticCurve =>
                    (alg, key.Crv) is (SecurityAlgorithms.EcdsaSha256, JsonWebKeyECTypes.P256)
                        or (SecurityAlgorithms.EcdsaSha384, JsonWebKeyECTypes.P384)
                        or (SecurityAlgorithms.EcdsaSha512, JsonWebKeyECTypes.P521)
                    && !string.IsNullOrEmpty(key.X) && !string.IsNullOrEmpty(key.Y),
                _ => false,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return null;
        }

        if (!fits || key.HasPrivateKey)
        {
            return null;
        }

        // Every request may bring a new key: keep the verifiers out of the shared provider cache.
        key.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
        return key;
    }

    private static JsonElement ParseSegment(string segment)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(segment));
        return document.RootElement.Clone();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
