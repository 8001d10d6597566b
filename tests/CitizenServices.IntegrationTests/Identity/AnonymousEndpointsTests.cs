using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace CitizenServices.IntegrationTests.Identity;

/// <summary>
/// Rule: deny by default. Every endpoint requires an authenticated caller unless it is explicitly anonymous, and the
/// anonymous ones are listed here by name: adding one fails this test until someone has reviewed it and added it below.
/// </summary>
public sealed class AnonymousEndpointsTests : IAsyncLifetime
{
    /// <summary>The reviewed list: method, route and why it may be public.</summary>
    private static readonly Dictionary<string, string> Reviewed = new(StringComparer.Ordinal)
    {
        ["GET /"] = "the Functions host's readiness probe; answers 'ready' and touches nothing",
        ["GET /api/v1/health"] = "operational check: version and whether storage answers",
        ["GET /api/v1/health/live"] = "liveness: the service answers; touches nothing",
        ["GET /api/v1/health/ready"] = "readiness: whether storage answered the last background probe",
        ["GET /api/v1/consent-definitions"] = "the public catalog of what one can consent to",
        ["GET /api/v1/consent-definitions/{definitionId}/versions/{version}/text"] = "the public consent texts",
        ["GET /api/admin/config.json"] = "the admin web's sign-in settings: the Entra client id, tenant endpoints and API scope, all public in any SPA",
        ["GET /api/admin/{**path}"] = "the admin web's static pages, scripts and styles; they hold no data, which comes from the API with the user's token",
        // Invoked functions: only the Functions host calls them, over loopback; the host proxies /api/* only.
        ["POST /AccessLogAnchor"] = "invoked by the host (timer)",
        ["POST /CareRelationsInbox"] = "invoked by the host (Service Bus trigger)",
        ["POST /FastlegeInformer"] = "invoked by the host (Service Bus trigger)",
        ["POST /RegisterFeed"] = "invoked by the host (timer)",
        ["POST /Housekeeping"] = "invoked by the host (timer)",
        ["POST /Notifier"] = "invoked by the host (Service Bus trigger)",
        ["POST /OutboxSweep"] = "invoked by the host (timer)",
        ["POST /TableBackup"] = "invoked by the host (timer)",
    };

    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public void AnonymousEndpoints_AreExactlyTheReviewedOnes()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(Describe)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Reviewed.Keys.Order(StringComparer.Ordinal), anonymous);
    }

    [Fact]
    public async Task FallbackPolicy_RequiresAnAuthenticatedCaller()
    {
        var policy = await _factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
        Assert.Equal([AuthSchemes.Citizen], policy.AuthenticationSchemes);
    }

    [Fact]
    public async Task EveryOtherApiEndpoint_WithoutAToken_IsRefused()
    {
        using var client = _factory.CreateClient();
        var protectedEndpoints = EndpointCatalog.All(_factory)
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();

        Assert.NotEmpty(protectedEndpoints);
        foreach (var endpoint in protectedEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Methods[0]), endpoint.SamplePath("me"));
            if (endpoint.Methods[0] is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AnonymousEndpoints_WhenNoWorkforceAppRegistrationIsConfigured_StillAnswer()
    {
        // An environment deployed without WORKFORCE_API_CLIENT_ID: the fallback policy must not touch the Entra scheme.
        await using var factory = await new CitizenServicesFactory().With("AzureAd:ClientId", "").StartAsync();
        using var client = factory.CreateClient();

        using var readiness = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/api/v1/health", UriKind.Relative));
        using var consents = await client.GetAsync(new Uri("/api/v1/persons/me/consents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, consents.StatusCode);
    }

    private List<RouteEndpoint> Endpoints() =>
        [.. _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return $"{string.Join('|', methods)} {endpoint.RoutePattern.RawText}";
    }
}
