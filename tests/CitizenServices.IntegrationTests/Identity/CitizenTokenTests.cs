using Microsoft.IdentityModel.JsonWebTokens;

namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// The negative token matrix: every malformed, forged, stale or misdirected citizen token gets a 401 problem
/// detail, through real HTTP on a subject-scoped endpoint.
/// </summary>
public sealed class CitizenTokenTests : IAsyncLifetime
{
    private const string Path = "/api/v1/persons/me/access-log";
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private TokenFactory Tokens => _factory.Tokens;

    public static TheoryData<string, Func<TokenFactory, string>> RejectedTokens => new()
    {
        { "malformed", _ => "not.a.jwt" },
        { "garbage", _ => "eyJhbGciOiJSUzI1NiJ9.garbage" },
        { "wrong signature", _ => TokenFactory.NewRsa().Citizen(Seed.KariMother) },
        { "alg none", t => Unsigned(t.Citizen(Seed.KariMother)) },
        { "HS256 with the public key", HmacWithPublicKey },
        { "expired", t => t.Citizen(Seed.KariMother, adjust: d => { d.NotBefore = DateTime.UtcNow.AddHours(-2); d.IssuedAt = d.NotBefore; d.Expires = DateTime.UtcNow.AddMinutes(-5); }) },
        { "not yet valid", t => t.Citizen(Seed.KariMother, adjust: d => { d.NotBefore = DateTime.UtcNow.AddMinutes(10); d.Expires = DateTime.UtcNow.AddHours(1); }) },
        { "wrong issuer", t => t.Citizen(Seed.KariMother, adjust: d => d.Issuer = "https://evil.example") },
        { "wrong audience", t => t.Citizen(Seed.KariMother, adjust: d => d.Audience = "https://other-service") },
        { "no expiry", t => t.Citizen(Seed.KariMother, adjust: d => d.Expires = null) },
        { "missing pid", t => t.Citizen(Seed.KariMother, adjust: d => d.Claims.Remove("pid")) },
        { "invalid pid", t => t.Citizen("12345678901") },
        { "workforce token", t => t.Workforce(["Registry.Read"], "0301") },
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Request_WhenTokenIsRejected_Returns401Problem(string why, Func<TokenFactory, string> token)
    {
        using var client = _factory.CreateClient(token(Tokens));

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "https://citizen-services.helsenorge.no/problems/unauthorized");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), why);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WhenNoToken_Returns401Problem()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "https://citizen-services.helsenorge.no/problems/unauthorized");
        Assert.Equal("A bearer token is required.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("idporten-loa-high")]
    [InlineData("idporten-loa-substantial")]
    public async Task Read_WhenTokenIsValid_Returns200(string acr)
    {
        using var client = _factory.CreateClient(Tokens.Citizen(Seed.KariMother, acr));

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Read_WhenAssuranceLevelIsUnknown_Returns403Problem()
    {
        using var client = _factory.CreateClient(Tokens.Citizen(Seed.KariMother, "idporten-loa-low"));

        using var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "https://citizen-services.helsenorge.no/problems/insufficient-assurance");
    }

    [Fact]
    public async Task EveryWriteEndpoint_WhenAssuranceIsSubstantial_Returns403Problem()
    {
        // Discovered from the running app: every citizen endpoint that changes something refuses loa-substantial.
        var writes = EndpointCatalog.CitizenEndpoints(_factory).Where(e => e.Methods.Any(m => m is not ("GET" or "HEAD"))).ToList();
        using var client = _factory.CreateClient(Tokens.Citizen(Seed.KariMother, "idporten-loa-substantial"));

        foreach (var endpoint in writes)
        {
            foreach (var method in endpoint.Methods.Where(m => m is not ("GET" or "HEAD")))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), endpoint.SamplePath("me")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request);
                await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "https://citizen-services.helsenorge.no/problems/insufficient-assurance");
            }
        }
    }

    private static string Unsigned(string signed)
    {
        var parts = signed.Split('.');
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return $"{header}.{parts[1]}.";
    }

    private static string HmacWithPublicKey(TokenFactory tokens)
    {
        // The classic algorithm-confusion attack: HMAC keyed with the public key the server trusts.
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(tokens.PublicKeyPem()));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TokenFactory.CitizenIssuer,
            Audience = TokenFactory.CitizenAudience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["pid"] = Seed.KariMother, ["acr"] = "idporten-loa-high" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

public sealed class CitizenEcdsaTokenTests : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new() { Tokens = TokenFactory.NewEcdsa() };

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Read_WhenTokenIsSignedWithEs256_Returns200()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
