using Microsoft.IdentityModel.Tokens;
using static CitizenServices.IntegrationTests.Sector.SectorFixture;

namespace CitizenServices.IntegrationTests.Sector;

/// <summary>
/// RFC 9449 at the resource server, over real HTTP against the real registry endpoint: a HelseID DPoP token is accepted only
/// with a fresh proof for this method and URL, signed by the key the token is bound to, for this token, never seen before
/// by any instance. Each refusal is a 401 problem that names the defect.
/// </summary>
[Collection(SectorSystems.Name)]
public sealed class DPoPTests(SectorFixture app)
{
    private static readonly string Lookup = LookupPath(Seed.RandiGrandmother);

    private readonly DPoPKey _key = DPoPKey.NewEcdsa();

    private string Token => app.Token(_key, Hospital, "consents.read");

    [Fact]
    public async Task Lookup_WhenTheProofIsValid_Returns200()
    {
        var (response, _) = await app.SendDPoPAsync(_key, Token, Lookup);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Lookup_WhenTheKeyIsRsa_Returns200()
    {
        var key = DPoPKey.NewRsa();

        var (response, _) = await app.SendDPoPAsync(key, app.Token(key, Hospital, "consents.read"), Lookup);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> DefectiveProofs => new()
    {
        { "no proof", "DPoP proof (the DPoP header) is required" },
        { "two proofs", "exactly one DPoP proof header" },
        { "another method", "htm" },
        { "another path", "htu" },
        { "another host", "htu" },
        { "stale iat", "too old" },
        { "future iat", "in the future" },
        { "another key than cnf.jkt", "cnf.jkt" },
        { "wrong ath", "ath" },
        { "no ath", "ath" },
        { "typ jwt", "typ" },
        { "alg none", "alg" },
        { "alg HS256", "alg" },
        { "private key in jwk", "jwk" },
        { "broken signature", "signature" },
        { "not a jwt", "not a signed JWT" },
    };

    [Theory]
    [MemberData(nameof(DefectiveProofs))]
    public async Task Lookup_WhenTheProofIsDefective_Returns401NamingTheDefect(string defect, string named)
    {
        var token = Token;
        var url = app.Url(Lookup);
        string[] proofs = defect switch
        {
            "no proof" => [],
            "two proofs" => [_key.Proof("GET", url, token), _key.Proof("GET", url, token)],
            "another method" => [_key.Proof("POST", url, token)],
            "another path" => [_key.Proof("GET", app.Url(LookupPath(Seed.RandiGrandmother, "research-heart-rhythm-study")), token)],
            "another host" => [_key.Proof("GET", url.Replace(app.PublicOrigin, "https://api.example.no", StringComparison.Ordinal), token)],
            "stale iat" => [_key.Proof("GET", url, token, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-5))],
            "future iat" => [_key.Proof("GET", url, token, issuedAt: DateTimeOffset.UtcNow.AddMinutes(5))],
            "another key than cnf.jkt" => [DPoPKey.NewEcdsa().Proof("GET", url, token)],
            "wrong ath" => [_key.Proof("GET", url, token, ath: Base64UrlEncoder.Encode(new byte[32]))],
            "no ath" => [_key.Proof("GET", url, accessToken: null)],
            "typ jwt" => [_key.Proof("GET", url, token, adjust: d => d.TokenType = "JWT")],
            "alg none" => [WithHeader(_key.Proof("GET", url, token), "none", signature: string.Empty)],
            "alg HS256" => [WithHeader(_key.Proof("GET", url, token), "HS256")],
            "private key in jwk" => [PrivateJwkProof(url, token)],
            "broken signature" => [BreakSignature(_key.Proof("GET", url, token))],
            "not a jwt" => ["not-a-proof"],
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var (response, _) = await app.SendAsync(Lookup, "DPoP " + token, proofs);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenTheSameProofIsPresentedTwice_Returns401TheSecondTime()
    {
        var token = Token;
        var proof = _key.Proof("GET", app.Url(Lookup), token);

        var (first, _) = await app.SendAsync(Lookup, "DPoP " + token, [proof]);
        var (second, _) = await app.SendAsync(Lookup, "DPoP " + token, [proof]);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ProblemAssert.IsProblem(second, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("replayed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenAProofIsReplayedAtAnotherInstance_Returns401There()
    {
        var token = Token;
        var proof = _key.Proof("GET", app.Url(Lookup), token);

        var (atFirst, _) = await app.SendAsync(Lookup, "DPoP " + token, [proof], app.First);
        var (replayedAtSecond, _) = await app.SendAsync(Lookup, "DPoP " + token, [proof], app.Second);

        Assert.Equal(HttpStatusCode.OK, atFirst.StatusCode);
        var problem = await ProblemAssert.IsProblem(replayedAtSecond, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("replayed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenPublicOriginsAreConfigured_RefusesAProofForTheInstancesOwnAddress()
    {
        // The second instance is configured with the public origin only: its loopback address is not where clients call.
        using var client = app.Second.CreateClient();
        var token = Token;
        var ownAddress = new Uri(client.BaseAddress!, Lookup).ToString();

        var (response, _) = await app.SendAsync(Lookup, "DPoP " + token, [_key.Proof("GET", ownAddress, token)], app.Second);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("htu", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenAFreshProofGoesToTheOtherInstance_Returns200()
    {
        // The control for the replay test: the second instance accepts this token, so its 401 there is the replay alone.
        var (response, _) = await app.SendDPoPAsync(_key, Token, Lookup, app.Second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Lookup_WhenABoundTokenIsSentAsBearer_Returns401()
    {
        var token = Token;

        var (response, _) = await app.SendAsync(Lookup, "Bearer " + token, [_key.Proof("GET", app.Url(Lookup), token)]);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("not as Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenAnUnboundHelseIdTokenIsSentAsBearer_Returns401()
    {
        var token = app.Tokens.Sector(Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], dpopThumbprint: null);

        var (response, _) = await app.SendAsync(Lookup, "Bearer " + token, []);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("only as DPoP tokens", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenAnUnboundTokenIsSentAsDPoP_Returns401()
    {
        var token = app.Tokens.Sector(Hospital, [TokenFactory.HelseIdAudience + "/consents.read"], dpopThumbprint: null);

        var (response, _) = await app.SendAsync(Lookup, "DPoP " + token, [_key.Proof("GET", app.Url(Lookup), token)]);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains("not bound to a key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> DefectiveTokens => new()
    {
        { "another issuer", "issuer" },
        { "another audience", "not meant for this service" },
        { "expired", "expired" },
        { "signed by another key", "signature" },
    };

    [Theory]
    [MemberData(nameof(DefectiveTokens))]
    public async Task Lookup_WhenTheTokenIsDefective_Returns401NamingTheDefect(string defect, string named)
    {
        var scopes = new[] { TokenFactory.HelseIdAudience + "/consents.read" };
        var token = defect switch
        {
            "another issuer" => app.Tokens.Sector(Hospital, scopes, _key.Thumbprint, adjust: d => d.Issuer = "https://helseid-sts.test.nhn.no"),
            "another audience" => app.Tokens.Sector(Hospital, scopes, _key.Thumbprint, adjust: d => d.Audience = "nhn:kjernejournal"),
            "expired" => app.Tokens.Sector(Hospital, scopes, _key.Thumbprint, adjust: d =>
            {
                d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
                d.Expires = DateTime.UtcNow.AddMinutes(-10);
            }),
            "signed by another key" => TokenFactory.NewRsa().Sector(Hospital, scopes, _key.Thumbprint),
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var (response, _) = await app.SendDPoPAsync(_key, token, Lookup);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("DPoP error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenTheTokenLacksTheScope_Returns403NamingIt()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, Hospital, "representation.read"), Lookup);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("consents.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenTheTokenNamesNoValidOrganisation_Returns403()
    {
        var (response, _) = await app.SendDPoPAsync(_key, app.Token(_key, "310000018", "consents.read"), Lookup);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Contains("orgnr_parent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_WhenNoCredentialsAreSent_Returns401OfferingDPoPAndBearer()
    {
        var (response, _) = await app.SendAsync(Lookup, authorization: null, []);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToList();
        Assert.Contains("DPoP", challenges);
        Assert.Contains("Bearer", challenges);
    }

    /// <summary>The proof with its header's alg replaced (and the signature, if given), re-encoded.</summary>
    private static string WithHeader(string proof, string alg, string? signature = null)
    {
        var parts = proof.Split('.');
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0])).Replace("\"ES256\"", $"\"{alg}\"", StringComparison.Ordinal);
        return $"{Base64UrlEncoder.Encode(header)}.{parts[1]}.{signature ?? parts[2]}";
    }

    private static string BreakSignature(string proof)
    {
        var parts = proof.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[^1] ^= 0x01;
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>A proof whose jwk carries the private part too (RFC 9449 §4.3: must not).</summary>
    private string PrivateJwkProof(string url, string token)
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(true);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "EC", ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y), ["d"] = Base64UrlEncoder.Encode(p.D),
        };
        return _key.Proof("GET", url, token, adjust: d =>
        {
            d.AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = jwk };
            d.SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(p)), SecurityAlgorithms.EcdsaSha256);
        });
    }
}
