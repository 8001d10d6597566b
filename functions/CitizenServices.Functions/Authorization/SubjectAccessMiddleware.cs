namespace CitizenServices.Functions.Authorization;

/// <summary>
/// The one policy enforcement point for subject-scoped routes (<c>/api/v1/persons/{subject}/...</c>): the
/// caller is the subject, or holds a representation of the subject valid now that covers the endpoint's
/// declared scope (OWASP API1). Anything else is the same 403, whether or not the subject exists. A request
/// served on another person's behalf is written to that person's access log before it runs, so no action
/// taken for someone goes unrecorded.
/// </summary>
public sealed class SubjectAccessMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.RoutePattern.GetParameter(SubjectScopeExtensions.SubjectRouteValue) is null)
        {
            await next(context);
            return;
        }

        var declared = endpoint.Metadata.GetMetadata<SubjectScopeMetadata>()
            ?? throw new InvalidOperationException($"Subject-scoped endpoint {endpoint.DisplayName} declares no scope (ForSubject).");
        if (context.User.CitizenId() is not { } caller)
        {
            await WriteAsync(problems, context, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized,
                "Authentication is required.", "A citizen token is required for this resource.");
            return;
        }

        var raw = context.GetRouteValue(SubjectScopeExtensions.SubjectRouteValue) as string;
        NationalIdentityNumber subject;
        if (raw == SubjectScopeExtensions.Me)
        {
            subject = caller;
        }
        else if (!NationalIdentityNumber.TryParse(raw, out subject, out var error))
        {
            await WriteAsync(problems, context, StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
                "The request is not valid.", $"subject: {error} Use 'me' or an 11-digit national identity number.", "subject");
            return;
        }

        // Resolved here, not as InvokeAsync parameters: those are resolved for every request, and building the decider's
        // sources (storage clients and all) for GET / would make the Functions host's readiness probe wait for them.
        var decider = context.RequestServices.GetRequiredService<SubjectAccessDecider>();
        var decision = await decider.DecideAsync(caller, subject, declared.Scope, context.RequestAborted);
        if (decision.Basis is not { } basis)
        {
            await WriteAsync(problems, context, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden,
                "You may not do this.", "You may not act for this person in this matter.");
            return;
        }

        context.Features.Set(new SubjectAccess(caller, subject, basis, declared.Scope));
        if (!decision.IsSelf)
        {
            await context.RequestServices.GetRequiredService<IAccessLog>().AppendAsync(subject, Draft(context, endpoint, declared, caller, basis), context.RequestAborted);
        }

        await next(context);
    }

    private static AccessLogDraft Draft(
        HttpContext context, RouteEndpoint endpoint, SubjectScopeMetadata declared, NationalIdentityNumber caller,
        Domain.Authorization.RepresentationBasis basis) =>
        new(
            AccessLogActor.Person(caller),
            new AccessLogBasis(basis.Kind.Value, basis.RelationId),
            HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? AccessLogAction.Read(declared.Operation)
                : AccessLogAction.Write(declared.Operation),
            new AccessLogResource("/" + endpoint.RoutePattern.RawText?.TrimStart('/')),
            CorrelationId.Get(context) ?? string.Empty,
            Channel(context));

    private static string Channel(HttpContext context) =>
        context.Request.Headers["X-Channel"].ToString() is { Length: > 0 and <= 32 } channel && channel.All(c => char.IsAsciiLetterLower(c) || c == '-')
            ? channel
            : AccessLogChannels.HelsenorgeWeb;

    private static Task WriteAsync(
        IProblemDetailsService problems, HttpContext context, int status, string type, string title, string detail, string? field = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
