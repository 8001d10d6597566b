using CitizenServices.Functions.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CitizenServices.Functions.Authorization;

/// <summary>
/// Deny by default: an endpoint that names no policy still requires an authenticated caller. Only an explicit
/// <c>AllowAnonymous()</c> makes an endpoint public, and the integration test <c>AnonymousEndpointsTests</c> lists every
/// such endpoint by name, so a new one fails the build until it is reviewed.
/// </summary>
/// <remarks>
/// The fallback authenticates with the citizen scheme only. ASP.NET Core runs the fallback policy's schemes on every
/// request without a policy of its own, anonymous ones included (the readiness probe, invoked functions), and the
/// workforce scheme cannot even be built where no Entra app registration is configured (AzureAd:ClientId empty, as in an
/// environment without WORKFORCE_API_CLIENT_ID): the readiness probe would then fail. Workforce endpoints always name
/// their role policy; one that forgot it still refuses every caller without a citizen token.
/// </remarks>
public static class FallbackAuthorization
{
    public static IServiceCollection AddDenyByDefaultAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Citizen)
            .RequireAuthenticatedUser()
            .Build());
        return services;
    }
}
