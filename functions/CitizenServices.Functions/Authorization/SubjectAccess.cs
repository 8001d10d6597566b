namespace CitizenServices.Functions.Authorization;

/// <summary>
/// What the policy enforcement point decided for this request: who acts, for whom, and on what basis.
/// Endpoints read the subject from here, never from the route, so they cannot skip the check.
/// </summary>
public sealed record SubjectAccess(NationalIdentityNumber Actor, NationalIdentityNumber Subject, RepresentationBasis Basis, Scope Scope)
{
    public bool IsSelf => Basis.Kind == BasisKind.Self;

    public static SubjectAccess For(HttpContext context) =>
        context.Features.Get<SubjectAccess>()
        ?? throw new InvalidOperationException("No subject access decision: the endpoint is not subject-scoped or the policy enforcement point did not run.");
}
