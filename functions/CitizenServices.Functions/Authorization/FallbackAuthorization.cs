using CitizenServices.Functions.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CitizenServices.Functions.Authorization;

/// <summary>
/// Deny by default: an endpoint that names no policy still requires an authenticated caller (citizen or workforce
/// token). Only an explicit <c>AllowAnonymous()</c> makes an endpoint public, and the integration test
/// <c>AnonymousEndpointsTests</c> lists every such endpoint by name, so a new one fails the build until it is reviewed.
/// </summary>
public static class FallbackAuthorization
{
    public static IServiceCollection AddDenyByDefaultAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Citizen, AuthSchemes.Workforce)
            .RequireAuthenticatedUser()
            .Build());
        return services;
    }
}
