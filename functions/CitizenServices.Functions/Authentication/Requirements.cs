using Microsoft.AspNetCore.Authorization.Policy;

namespace CitizenServices.Functions.Authentication;

/// <summary>
/// Rule: every write requires assurance level <c>idporten-loa-high</c>; reads accept substantial or high.
/// Decided by the HTTP method, so a new write endpoint cannot forget it.
/// </summary>
public sealed class AssuranceRequirement : IAuthorizationRequirement
{
    public sealed class Handler : AuthorizationHandler<AssuranceRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AssuranceRequirement requirement)
        {
            var acr = context.User.FindFirst(CitizenClaims.Acr)?.Value;
            var isRead = context.Resource is HttpContext http && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
            var ok = acr == CitizenClaims.High || (isRead && acr == CitizenClaims.Substantial);
            if (ok)
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, isRead
                    ? $"This requires assurance level {CitizenClaims.Substantial} or {CitizenClaims.High}."
                    : $"Changes require assurance level {CitizenClaims.High}; log in with a higher level."));
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Rule: a caseworker or administrator acts only for the municipality they work for. The caller must carry
/// a municipality claim (configurable name), and where the route names a <c>{municipality}</c> it must match.
/// Endpoints that take the municipality from the body check it with <see cref="MunicipalityOf"/>.
/// </summary>
public sealed partial class MunicipalityRequirement : IAuthorizationRequirement
{
    public const string RouteValue = "municipality";

    public static string? MunicipalityOf(System.Security.Claims.ClaimsPrincipal user, WorkforceAuthenticationOptions options)
    {
        var value = user.FindFirst(options.MunicipalityClaim)?.Value;
        return value is not null && Kommunenummer().IsMatch(value) ? value : null;
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex Kommunenummer();

    public sealed class Handler(WorkforceAuthenticationOptions options) : AuthorizationHandler<MunicipalityRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MunicipalityRequirement requirement)
        {
            var own = MunicipalityOf(context.User, options);
            var requested = (context.Resource as HttpContext)?.GetRouteValue(RouteValue) as string;
            if (own is not null && (requested is null || requested == own))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, "You may act only for the municipality you work for."));
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>Writes every authorization refusal as a problem detail, naming the rule that refused.</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons ?? [];
        var assurance = reasons.FirstOrDefault(r => r.Handler is AssuranceRequirement.Handler);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = assurance is null ? ProblemTypes.Forbidden : ProblemTypes.InsufficientAssurance,
                Title = assurance is null ? "You may not do this." : "A higher assurance level is required.",
                Detail = (assurance ?? reasons.FirstOrDefault())?.Message ?? "Your role does not allow this.",
            },
        });
    }
}
