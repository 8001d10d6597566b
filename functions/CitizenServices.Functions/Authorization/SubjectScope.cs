namespace CitizenServices.Functions.Authorization;

/// <summary>
/// Endpoint metadata: the scope a subject-scoped endpoint (<c>/api/v1/persons/{subject}/...</c>) touches. The
/// policy enforcement point refuses to serve a subject-scoped endpoint without one, and a test checks every
/// such endpoint declares it.
/// </summary>
public sealed record SubjectScopeMetadata(Scope Scope, string Operation);

public static class SubjectScopeExtensions
{
    public const string SubjectRouteValue = "subject";
    public const string Me = "me";

    /// <summary>Declares the scope this subject-scoped endpoint touches, and the operation name its access-log entries carry.</summary>
    public static TBuilder ForSubject<TBuilder>(this TBuilder builder, Scope scope, string operation)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SubjectScopeMetadata(scope, operation));
}
