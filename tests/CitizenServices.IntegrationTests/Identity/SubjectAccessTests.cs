using CitizenServices.Application.AccessLog;
using CitizenServices.Application.Authorization;
namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// The policy enforcement point on subject-scoped routes: self access, access through a representation valid
/// now and covering the endpoint's scope, uniform denials, and the principal's access log.
/// </summary>
public sealed class SubjectAccessTests : IAsyncLifetime
{
    private readonly TestRepresentationSource _representations = new();
    private readonly CitizenServicesFactory _factory;

    public SubjectAccessTests()
    {
        _factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<IRepresentationSource>(_representations) };
    }

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void EverySubjectScopedEndpoint_WhenMapped_DeclaresAScopeAndRequiresACitizen()
    {
        var endpoints = EndpointCatalog.SubjectScoped(_factory).ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e =>
        {
            Assert.True(e.Scope is not null, $"{e} declares no scope (ForSubject)");
            Assert.True(e.Policies.Contains(Policies.Citizen), $"{e} does not require the citizen policy");
        });
    }

    [Fact]
    public async Task EverySubjectScopedEndpoint_WhenCallerDoesNotRepresentSubject_IsDenied()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        foreach (var endpoint in EndpointCatalog.SubjectScoped(_factory))
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await SendAsync(client, method, endpoint.SamplePath(Seed.OlaFather));
                await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "https://citizen-services.helsenorge.no/problems/forbidden");
            }
        }
    }

    [Fact]
    public async Task EverySubjectScopedEndpoint_WhenSubjectIsMe_IsNotDenied()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        foreach (var endpoint in EndpointCatalog.SubjectScoped(_factory))
        {
            foreach (var method in endpoint.Methods)
            {
                using var response = await SendAsync(client, method, endpoint.SamplePath("me"));
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{method} {endpoint} for me gave {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Denial_WhenSubjectExistsOrNot_IsTheSameProblem()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        using var existing = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.OlaFather}/access-log", UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri($"/api/v1/persons/{People.Nobody}/access-log", UriKind.Relative));
        var a = await existing.Content.ReadFromJsonAsync<JsonElement>();
        var b = await unknown.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, existing.StatusCode);
        Assert.Equal(existing.StatusCode, unknown.StatusCode);
        foreach (var property in new[] { "type", "title", "detail", "status" })
        {
            Assert.Equal(a.GetProperty(property).ToString(), b.GetProperty(property).ToString());
        }

        Assert.Equal("/api/v1/persons/029183*****/access-log", a.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Subject_WhenNotAValidNumber_Returns400NamingTheField()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/12345678901/access-log", UriKind.Relative));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "https://citizen-services.helsenorge.no/problems/invalid-request");
        Assert.Equal("subject", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Representative_WhenGrantCoversScope_IsServedAndLoggedForThePrincipal()
    {
        var kari = NationalIdentityNumber.Parse(Seed.KariMother);
        var emma = NationalIdentityNumber.Parse(Seed.EmmaUnder12);
        var grant = _representations.Grant(kari, emma, [Scope.AccessLog], kind: BasisKind.Parent);
        using var kariClient = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/persons/{Seed.EmmaUnder12}/access-log");
        request.Headers.Add("X-Correlation-Id", "corr-representative-1");

        using var response = await kariClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var emmaClient = _factory.CreateClient(_factory.Tokens.Citizen(Seed.EmmaUnder12));
        var log = await emmaClient.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));
        var entry = log.GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("correlationId").GetString() == "corr-representative-1");
        Assert.Equal("person", entry.GetProperty("actorKind").GetString());
        Assert.Equal("148385*****", entry.GetProperty("actorId").GetString());
        Assert.Equal("Kari Hansen", entry.GetProperty("actorName").GetString());
        Assert.Equal("parent", entry.GetProperty("basisKind").GetString());
        Assert.Equal(grant.RelationId, entry.GetProperty("relationId").GetString());
        Assert.Equal("read", entry.GetProperty("action").GetString());
        Assert.Equal("/api/v1/persons/{subject}/access-log", entry.GetProperty("resource").GetString());
        var verification = await _factory.Services.GetRequiredService<IAccessLog>().VerifyAsync(emma, CancellationToken.None);
        Assert.True(verification.IsIntact);
    }

    [Fact]
    public async Task Self_WhenReadingOwnLog_IsNotLogged()
    {
        // Someone no other test acts for, so the log is empty unless self access were logged.
        var ola = NationalIdentityNumber.Parse(People.Nobody);
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(People.Nobody));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));
        var page = await _factory.Services.GetRequiredService<IAccessLog>().ReadAsync(ola, 100, null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.Value.Entries);
    }

    [Fact]
    public async Task Representative_WhenGrantDoesNotCoverScope_IsDenied()
    {
        // Ola and Kari are spouses, not parent and child: only the test grant relates them.
        var ola = NationalIdentityNumber.Parse(Seed.OlaFather);
        var kari = NationalIdentityNumber.Parse(Seed.KariMother);
        _representations.Grant(ola, kari, [Scope.Appointments]);
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.OlaFather));

        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.KariMother}/access-log", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Representative_WhenGrantHasExpired_IsDenied()
    {
        var kari = NationalIdentityNumber.Parse(Seed.KariMother);
        var ola = NationalIdentityNumber.Parse(Seed.OlaFather);
        _representations.Grant(kari, ola, [Scope.AccessLog], DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.OlaFather}/access-log", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Representative_WhenGrantIsRevoked_IsDeniedOnTheNextRequest()
    {
        var ola = NationalIdentityNumber.Parse(Seed.OlaFather);
        var kari = NationalIdentityNumber.Parse(Seed.KariMother);
        _representations.Grant(ola, kari, [Scope.AccessLog]);
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.OlaFather));
        var path = new Uri($"/api/v1/persons/{Seed.KariMother}/access-log", UriKind.Relative);

        using var before = await client.GetAsync(path);
        _representations.RevokeAll(ola, kari);
        using var after = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, Uri path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
