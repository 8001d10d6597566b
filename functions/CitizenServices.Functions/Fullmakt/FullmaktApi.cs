using CitizenServices.Application.Fullmakt;
using CitizenServices.Application.Fullmakt.End;
using CitizenServices.Application.Fullmakt.Grant;
using CitizenServices.Application.Fullmakt.GrantForPersonLackingCapacity;
using CitizenServices.Application.Fullmakt.ExpiryNotices;
using CitizenServices.Application.Fullmakt.List;
using CitizenServices.Application.Idempotency;
using CitizenServices.Infrastructure.Fullmakt;

namespace CitizenServices.Functions.Fullmakt;

/// <summary>
/// Fullmakt endpoints (docs/fullmakt.md): give, list, read and end a fullmakt as a citizen, and register a fullmakt for
/// a person lacking capacity as an administrator.
/// </summary>
public static class FullmaktApi
{
    private const string Tag = "Fullmakt";

    /// <summary>
    /// Fullmakt as a representation kind (for the policy enforcement point and the listings), its use cases, the expiry
    /// notices the housekeeping timer sends, and its table store. Needs storage, the population register and a
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddFullmakt(this IServiceCollection services)
    {
        services.AddTableFullmaktStore();
        services.AddScoped<FullmaktParties>();
        services.AddScoped<FullmaktLocator>();
        services.AddScoped<GrantFullmaktHandler>();
        services.AddScoped<GrantCapacityFullmaktHandler>();
        services.AddScoped<EndFullmaktHandler>();
        services.AddScoped<ListFullmakterHandler>();
        services.AddScoped<GetFullmaktHandler>();
        services.AddScoped<SendExpiryNoticesHandler>();
        services.AddScoped<IRepresentationIndexRepair>(sp => new StoreIndexRepair("fullmakt", sp.GetRequiredService<IFullmaktStore>().RepairIndexAsync));
        services.AddRepresentationSource<FullmaktRepresentationSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapFullmaktApi(this IEndpointRouteBuilder app)
    {
        var fullmakt = app.MapGroup("/api/v1").WithTags(Tag);
        var citizen = fullmakt.MapGroup(string.Empty).RequireAuthorization(Policies.Citizen);

        // Scope Representation: no representation kind delegates it to a fullmakt holder, and the handler accepts only
        // the subject themself, so nobody gives a fullmakt on someone else's behalf.
        citizen.MapPost("/persons/{subject}/fullmakter", GrantAsync)
            .ForSubject(Scope.Representation, "fullmakt.grant")
            .WithName("GrantFullmakt")
            .WithSummary("Give a fullmakt: the subject (only themself) lets a representative act for them in the chosen service areas.")
            .AcceptsJson(new GrantFullmaktBody("02918320167", ["appointments", "messages"], new DateOnly(2027, 6, 30)))
            .Produces<FullmaktView>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        citizen.MapGet("/persons/{subject}/fullmakter", ListAsync)
            .ForSubject(Scope.Representation, "fullmakt.list")
            .WithName("ListFullmakter")
            .WithSummary("Fullmakter the subject has given and received, ended and expired ones included; ?direction=given|received.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);
        citizen.MapGet("/fullmakter/{id:guid}", GetAsync)
            .WithName("GetFullmakt")
            .WithSummary("One fullmakt, for its giver or its representative; 404 for anyone else.")
            .ProducesProblems(StatusCodes.Status404NotFound);
        citizen.MapDelete("/fullmakter/{id:guid}", EndAsync)
            .WithName("EndFullmakt")
            .WithSummary("End a fullmakt now, as its giver or its representative; 404 for anyone else.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        fullmakt.MapPost("/admin/capacity-fullmakter", GrantForPersonLackingCapacityAsync)
            .RequireAuthorization(AppRoles.RepresentationAdminister)
            .WithName("RegisterCapacityFullmakt")
            .WithSummary("Register a fullmakt for a person lacking capacity to consent, on a doctor's certificate, to their nearest relative.")
            .AcceptsJson(new CapacityFullmaktBody("17823818009", "05906292086", "LEGEERKL-2026-11-0042", new DateOnly(2031, 11, 22)))
            .Produces<FullmaktView>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Created<FullmaktView>, ProblemHttpResult>> GrantAsync(
        HttpContext context, [FromBody] GrantFullmaktBody body, [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        GrantFullmaktHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        if (!access.IsSelf)
        {
            return ErrorProblems.Forbidden();
        }

        if (ErrorProblems.ReadNumber(body.Representative, "representative", out var representative) is { } badRepresentative)
        {
            return badRepresentative;
        }

        if (idempotencyKey is not null && IdempotencyKey.Validate(idempotencyKey) is { } badKey)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, badKey);
        }

        var result = await handler.HandleAsync(
            new GrantFullmaktRequest(access.Subject, representative, body.ServiceAreas, body.ValidTo, idempotencyKey), cancellationToken);
        return result.Match<Results<Created<FullmaktView>, ProblemHttpResult>>(
            created => TypedResults.Created(Location(created.Fullmakt.Id), FullmaktView.From(created.Fullmakt, time.GetUtcNow())),
            error => error.ToProblem());
    }

    private static async Task<Results<Ok<FullmaktListView>, ProblemHttpResult>> ListAsync(
        HttpContext context, string? direction, ListFullmakterHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        FullmaktDirection parsed;
        switch (direction)
        {
            case null or "": parsed = FullmaktDirection.Both; break;
            case "given": parsed = FullmaktDirection.Given; break;
            case "received": parsed = FullmaktDirection.Received; break;
            default: return ErrorProblems.BadRequest("direction", "Use 'given' or 'received', or leave it out for both.");
        }

        var listing = await handler.HandleAsync(access.Subject, parsed, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new FullmaktListView(
            listing.Given?.Select(f => FullmaktView.From(f, now)).ToList(),
            listing.Received?.Select(f => FullmaktView.From(f, now)).ToList()));
    }

    private static async Task<Results<Ok<FullmaktView>, ProblemHttpResult>> GetAsync(
        HttpContext context, Guid id, GetFullmaktHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.User.CitizenId() ?? throw new InvalidOperationException("The citizen policy let a caller without pid through.");
        var result = await handler.HandleAsync(caller, id, cancellationToken);
        return result.Match<Results<Ok<FullmaktView>, ProblemHttpResult>>(
            f => TypedResults.Ok(FullmaktView.From(f, time.GetUtcNow())), error => error.ToProblem());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EndAsync(
        HttpContext context, Guid id, EndFullmaktHandler handler, CancellationToken cancellationToken)
    {
        var caller = context.User.CitizenId() ?? throw new InvalidOperationException("The citizen policy let a caller without pid through.");
        var result = await handler.HandleAsync(new EndFullmaktRequest(caller, id), cancellationToken);
        return result.Match<Results<NoContent, ProblemHttpResult>>(_ => TypedResults.NoContent(), error => error.ToProblem());
    }

    private static async Task<Results<Created<FullmaktView>, ProblemHttpResult>> GrantForPersonLackingCapacityAsync(
        HttpContext context, [FromBody] CapacityFullmaktBody body, [FromHeader(Name = IdempotencyKey.HeaderName)] string? idempotencyKey,
        GrantCapacityFullmaktHandler handler, WorkforceAuthenticationOptions workforce, TimeProvider time, CancellationToken cancellationToken)
    {
        // The role policy has already required a municipality claim; the handler matches it with the principal's.
        var municipality = MunicipalityRequirement.MunicipalityOf(context.User, workforce)
            ?? throw new InvalidOperationException("The role policy let a caller without a municipality through.");
        var administrator = context.User.WorkforceObjectId();
        if (ErrorProblems.ReadNumber(body.Principal, "principal", out var principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        if (ErrorProblems.ReadNumber(body.Representative, "representative", out var representative) is { } badRepresentative)
        {
            return badRepresentative;
        }

        if (idempotencyKey is not null && IdempotencyKey.Validate(idempotencyKey) is { } badKey)
        {
            return ErrorProblems.BadRequest(IdempotencyKey.HeaderName, badKey);
        }

        var result = await handler.HandleAsync(new GrantCapacityFullmaktRequest(
            administrator, municipality, principal, representative, body.CertificateReference, body.ValidFrom, body.ValidTo, idempotencyKey), cancellationToken);
        return result.Match<Results<Created<FullmaktView>, ProblemHttpResult>>(
            created => TypedResults.Created(Location(created.Fullmakt.Id), FullmaktView.From(created.Fullmakt, time.GetUtcNow())),
            error => error.ToProblem());
    }

    private static string Location(Guid id) => "/api/v1/fullmakter/" + id.ToString("D");
}
