using CitizenServices.Functions.Authentication.HelseId;

namespace CitizenServices.IntegrationTests.Sector;

/// <summary>The DPoP proof rules of RFC 9449 §4.3 that need no HTTP: thumbprints, URI comparison, the time window.</summary>
public sealed class DPoPProofValidatorTests
{
    private const string Url = "https://citizen-services.test/api/v1/registry/x";
    private const string AccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly DPoPKey _key = DPoPKey.NewEcdsa();

    [Fact]
    public void Thumbprint_WhenGivenTheRfc7638Example_IsTheRfcsValue()
    {
        var key = new JsonWebKey("""
            {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
            """);

        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", DPoPProofValidator.Thumbprint(key));
    }

    [Fact]
    public void AccessTokenHash_WhenGivenTheRfc9449Example_IsTheRfcsAth()
    {
        // RFC 9449 §7.1, Figure 12: the access token and the proof's ath.
        Assert.Equal("fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo", DPoPProofValidator.AccessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"));
    }

    [Theory]
    [InlineData("https://citizen-services.test/api/v1/registry/x", true)]
    [InlineData("HTTPS://Citizen-Services.TEST/api/v1/registry/x", true)]      // scheme and host are case-insensitive
    [InlineData("https://citizen-services.test:443/api/v1/registry/x", true)]  // the default port made explicit
    [InlineData("https://citizen-services.test/api/v1/registry/x?page=2", true)] // the query is not part of htu
    [InlineData("https://citizen-services.test/api/v1/registry/X", false)]     // the path is case-sensitive
    [InlineData("https://citizen-services.test/api/v1/registry/x/", false)]
    [InlineData("http://citizen-services.test/api/v1/registry/x", false)]
    [InlineData("https://citizen-services.test:8443/api/v1/registry/x", false)]
    [InlineData("https://evil.test/api/v1/registry/x", false)]
    public void SameTarget_WhenComparingHtuWithTheRequest_NormalizesAsRfc3986Says(string htu, bool same)
    {
        Assert.Equal(same, DPoPProofValidator.SameTarget(new Uri(htu), new Uri(Url)));
    }

    [Theory]
    [InlineData(-70, true)]   // within 60 s and the 10 s skew
    [InlineData(-71, false)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public async Task Validate_WhenIatIsAtTheEdgeOfTheWindow_AcceptsOnlyInside(int secondsFromNow, bool accepted)
    {
        var validator = new DPoPProofValidator(new HelseIdOptions(), _clock);
        var proof = _key.Proof("GET", Url, AccessToken, issuedAt: _clock.GetUtcNow().AddSeconds(secondsFromNow));

        var result = await validator.ValidateAsync(proof, "GET", [new Uri(Url)], AccessToken, _key.Thumbprint);

        Assert.Equal(accepted, result.Proof is not null);
    }

    [Fact]
    public async Task Validate_WhenTheSameKeySignsTwoProofs_GivesEachItsOwnProofId()
    {
        var validator = new DPoPProofValidator(new HelseIdOptions(), _clock);
        var now = _clock.GetUtcNow();

        var first = await validator.ValidateAsync(_key.Proof("GET", Url, AccessToken, now), "GET", [new Uri(Url)], AccessToken, _key.Thumbprint);
        var second = await validator.ValidateAsync(_key.Proof("GET", Url, AccessToken, now), "GET", [new Uri(Url)], AccessToken, _key.Thumbprint);

        Assert.NotEqual(first.Proof!.ProofId, second.Proof!.ProofId);
        Assert.Equal(_key.Thumbprint, first.Proof.Thumbprint);
    }

    [Fact]
    public async Task Validate_WhenTheRsaKeyIsShorterThan2048Bits_Refuses()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        var p = rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        var proof = _key.Proof("GET", Url, AccessToken, _clock.GetUtcNow(), adjust: d =>
        {
            d.AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = jwk };
            d.SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        });

        var result = await new DPoPProofValidator(new HelseIdOptions(), _clock).ValidateAsync(proof, "GET", [new Uri(Url)], AccessToken, "any");

        Assert.Contains("2048", result.Error, StringComparison.Ordinal);
    }
}
