namespace CitizenServices.Functions.Authentication.HelseId;

/// <summary>Authorization policies of the sector lookups (<c>/api/v1/registry/...</c>): one per HelseID scope.</summary>
public static class SectorPolicies
{
    /// <summary>One person's decision on a definition: HelseID scope <see cref="HelseIdScopes.ConsentsRead"/>, or Entra role <c>Registry.Read</c>.</summary>
    public const string ConsentsRead = "sector:" + HelseIdScopes.ConsentsRead;

    /// <summary>Everyone with an active decision on a definition: HelseID scope <see cref="HelseIdScopes.ConsentsList"/>, or Entra role <c>Registry.Read</c>.</summary>
    public const string ConsentsList = "sector:" + HelseIdScopes.ConsentsList;

    /// <summary>Whether someone may act for a person: HelseID scope <see cref="HelseIdScopes.RepresentationRead"/> only.</summary>
    public const string RepresentationRead = "sector:" + HelseIdScopes.RepresentationRead;
}

/// <summary>
/// Rule: a sector system needs no municipality. A HelseID client is allowed by its scope and must name its organisation
/// (<c>orgnr_parent</c>); an Entra ID caller keeps the rules it had (the app role and a municipality claim), so existing
/// <c>Registry.Read</c> callers work unchanged. Operations with no Entra role are for HelseID clients only.
/// </summary>
public sealed class SectorAccessRequirement(string scope, string? entraRole) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public string? EntraRole { get; } = entraRole;

    public sealed class Handler(WorkforceAuthenticationOptions workforce) : AuthorizationHandler<SectorAccessRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SectorAccessRequirement requirement)
        {
            var reason = SectorCaller.IsHelseIdUser(context.User) ? HelseIdRefusal(context, requirement) : EntraRefusal(context, requirement);
            if (reason is null)
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, reason));
            }

            return Task.CompletedTask;
        }

        private static string? HelseIdRefusal(AuthorizationHandlerContext context, SectorAccessRequirement requirement)
        {
            if (SectorCaller.From(context.User, out var problem) is not { } caller)
            {
                return problem;
            }

            return caller.Scopes.Contains(requirement.Scope) ? null : $"The token does not carry the scope {requirement.Scope}.";
        }

        private string? EntraRefusal(AuthorizationHandlerContext context, SectorAccessRequirement requirement)
        {
            if (requirement.EntraRole is null)
            {
                return $"This lookup is for HelseID clients with the scope {requirement.Scope}.";
            }

            if (!context.User.IsInRole(requirement.EntraRole))
            {
                return $"This needs the app role {requirement.EntraRole}.";
            }

            return MunicipalityRequirement.MunicipalityOf(context.User, workforce) is null
                ? "You may act only for the municipality you work for."
                : null;
        }
    }
}
