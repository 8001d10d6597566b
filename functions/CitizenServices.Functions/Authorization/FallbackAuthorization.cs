using Microsoft.AspNetCore.Authorization.Policy;

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
    /// <summary>The display name routing gives the endpoint it selects when the path exists but the method does not.</summary>
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    /// <summary>Call after <c>AddCitizenServicesAuthentication</c>, whose result handler this wraps.</summary>
    public static IServiceCollection AddDenyByDefaultAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Citizen)
            .RequireAuthenticatedUser()
            .Build());

        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new RoutingOutcomeFirst(inner switch
        {
            null => new AuthorizationMiddlewareResultHandler(),
            { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
            { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(sp),
            _ => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!),
        }));
        return services;
    }

    /// <summary>
    /// The fallback policy also applies where routing found no endpoint (unknown path) or only a 405 one (known path,
    /// wrong method). There is nothing to protect there, and a 401 would hide the honest 404/405 problem detail.
    /// </summary>
    private sealed class RoutingOutcomeFirst(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
    {
        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
            !authorizeResult.Succeeded && context.GetEndpoint() is null or { DisplayName: MethodNotAllowedEndpoint }
                ? next(context)
                : inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
