using CitizenServices.Application.CareRelations;
using CitizenServices.Application.CareRelations.Apply;
using CitizenServices.Application.CareRelations.Inbox;
using CitizenServices.Application.CareRelations.Read;
using CitizenServices.Application.Representation;

namespace CitizenServices.Functions.CareRelations;

/// <summary>
/// The caseworker API for foster care relations (docs/foster-care.md): register, read with history, change (a new
/// version), end, and list a child's relations. Role <c>CareRelations.Manage</c>; the caller's municipality claim must be
/// the municipality responsible for the relation. Every change records the caseworker, the decision reference and the time.
/// </summary>
public static class CareRelationsApi
{
    private const string Tag = "Care relations";
    public const string Channel = "caseworker-api";

    private static readonly RegisterCareRelationBody RegisterExample = new()
    {
        Child = "03901770106", DecisionReference = "BV-2026-00417", LegalBasis = "voluntary-placement", ValidFrom = new DateOnly(2026, 3, 1),
        DelegatedScopes = ["appointments", "messages"], FosterParents = ["19857815265", "08827625125"], ParentsKeepDigitalAccess = true,
        Municipality = "0301",
    };

    private static readonly ChangeCareRelationBody ChangeExample = new()
    {
        Version = 2, DecisionReference = "BV-2026-00417-B", LegalBasis = "voluntary-placement", ValidFrom = new DateOnly(2026, 3, 1),
        DelegatedScopes = ["appointments", "messages", "health-records"], FosterParents = ["19857815265", "08827625125"],
        ParentsKeepDigitalAccess = true, Municipality = "0301",
    };

    /// <summary>
    /// Foster parents as a representation kind (for the policy enforcement point and the listings), the placements the
    /// parents' source consults, the caseworker use cases, the case system's inbox function and the table store. Needs
    /// storage, the population register, the event stores and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddCareRelations(this IServiceCollection services)
    {
        services.AddTableCareRelationStore();
        services.AddScoped<ApplyCareRelationCommandHandler>();
        services.AddScoped<ReceiveCareRelationCommandHandler>();
        services.AddScoped<CareRelationQueries>();
        services.AddScoped<IRepresentationIndexRepair>(sp => new StoreIndexRepair("fostercare", sp.GetRequiredService<ICareRelationStore>().RepairIndexAsync));
        services.AddRepresentationSource<FosterCareRepresentationSource>();
        services.AddScoped<IChildCarePlacements>(sp => sp.GetRequiredService<FosterCareRepresentationSource>());
        services.AddInvokedFunction<CareRelationsInboxFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareRelationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/care-relations").RequireAuthorization(AppRoles.CareRelationsManage).WithTags(Tag);
        group.MapPost("", RegisterAsync)
            .WithName("RegisterCareRelation")
            .WithSummary("Register a foster care relation (version 1) for a child, as the responsible child welfare service.")
            .AcceptsJson(RegisterExample)
            .Produces<CareRelationView>(StatusCodes.Status201Created)
            .ProducesChangeProblems();
        group.MapGet("", ListAsync)
            .WithName("ListCareRelations")
            .WithSummary("The child's care relations the caller's municipality is responsible for, with their histories.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCareRelation")
            .WithSummary("One care relation with its version history.")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", ChangeAsync)
            .WithName("ChangeCareRelation")
            .WithSummary("A new version of the relation (the full state after the change); the old versions are kept.")
            .AcceptsJson(ChangeExample)
            .ProducesChangeProblems();
        group.MapPost("/{id:guid}/end", EndAsync)
            .WithName("EndCareRelation")
            .WithSummary("End the relation: its last day and the reason, as a new version.")
            .AcceptsJson(new EndCareRelationBody(3, "BV-2026-00417-E", new DateOnly(2026, 12, 31), "Tilbakeføring til foreldrene.", "0301"))
            .ProducesChangeProblems();
        return app;
    }

    /// <summary>What every change answers: the relation, or the problems a command can meet.</summary>
    private static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder route) => route
        .Produces<CareRelationView>()
        .ProducesProblems(
            StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
            StatusCodes.Status422UnprocessableEntity);

    private static Task<Results<Created<CareRelationView>, Ok<CareRelationView>, ProblemHttpResult>> RegisterAsync(
        HttpContext context, [FromBody] RegisterCareRelationBody body, ApplyCareRelationCommandHandler handler, TimeProvider time,
        CancellationToken cancellationToken) =>
        ApplyAsync(context, Element(body), CareRelationCommandKind.Register, null, null, handler, time, cancellationToken);

    private static async Task<Results<Created<CareRelationView>, Ok<CareRelationView>, ProblemHttpResult>> ChangeAsync(
        HttpContext context, Guid id, [FromBody] ChangeCareRelationBody body, ApplyCareRelationCommandHandler handler, CareRelationQueries queries,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (child, problem) = await LocatedAsync(context, id, queries, cancellationToken);
        return problem ?? await ApplyAsync(context, Element(body), CareRelationCommandKind.Change, id, child, handler, time, cancellationToken);
    }

    private static async Task<Results<Created<CareRelationView>, Ok<CareRelationView>, ProblemHttpResult>> EndAsync(
        HttpContext context, Guid id, [FromBody] EndCareRelationBody body, ApplyCareRelationCommandHandler handler, CareRelationQueries queries,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (child, problem) = await LocatedAsync(context, id, queries, cancellationToken);
        return problem ?? await ApplyAsync(context, Element(body), CareRelationCommandKind.End, id, child, handler, time, cancellationToken);
    }

    private static async Task<Results<Ok<CareRelationView>, ProblemHttpResult>> GetAsync(
        HttpContext context, Guid id, CareRelationQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await queries.GetAsync(id, context.CallerMunicipality(), cancellationToken);
        return found.Match<Results<Ok<CareRelationView>, ProblemHttpResult>>(
            relation => TypedResults.Ok(CareRelationView.From(relation, time.GetUtcNow())), error => error.ToProblem());
    }

    private static async Task<Results<Ok<CareRelationListView>, ProblemHttpResult>> ListAsync(
        HttpContext context, string? child, CareRelationQueries queries, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ErrorProblems.ReadNumber(child, "child", out var id) is { } problem)
        {
            return problem;
        }

        var relations = await queries.ListAsync(id, context.CallerMunicipality(), cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CareRelationListView(relations.Select(r => CareRelationView.From(r, now)).ToList()));
    }

    /// <summary>The child of an existing relation the caller's municipality is responsible for, or the problem.</summary>
    private static async Task<(NationalIdentityNumber? Child, ProblemHttpResult? Problem)> LocatedAsync(
        HttpContext context, Guid id, CareRelationQueries queries, CancellationToken cancellationToken)
    {
        var found = await queries.GetAsync(id, context.CallerMunicipality(), cancellationToken);
        return found.IsSuccess ? (found.Value.Child, null) : (null, found.Error!.ToProblem());
    }

    private static async Task<Results<Created<CareRelationView>, Ok<CareRelationView>, ProblemHttpResult>> ApplyAsync(
        HttpContext context, JsonElement body, CareRelationCommandKind kind, Guid? id, NationalIdentityNumber? child,
        ApplyCareRelationCommandHandler handler, TimeProvider time, CancellationToken cancellationToken)
    {
        var municipality = context.CallerMunicipality();
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("municipality", out var stated)
            && (stated.ValueKind != JsonValueKind.String || stated.GetString() != municipality))
        {
            return CareRelationErrors.OtherMunicipality.ToProblem();
        }

        var caseworker = context.User.WorkforceObjectId();
        var given = new CareRelationCommandReader.Given(
            kind, id, municipality, kind == CareRelationCommandKind.Register ? 1 : null, caseworker, Channel, child);
        if (CareRelationCommandReader.Read(body, given, out var command) is { } invalid)
        {
            return invalid.ToProblem();
        }

        var decision = await handler.HandleAsync(command!, context.TraceIdentifier, cancellationToken);
        var now = time.GetUtcNow();
        return decision.Outcome switch
        {
            CareRelationOutcome.Applied when kind == CareRelationCommandKind.Register =>
                TypedResults.Created("/api/v1/care-relations/" + decision.Relation!.RelationIdText, CareRelationView.From(decision.Relation, now)),
            CareRelationOutcome.Applied or CareRelationOutcome.Duplicate => TypedResults.Ok(CareRelationView.From(decision.Relation!, now)),
            _ => decision.Error!.ToProblem(),
        };
    }

    /// <summary>
    /// The body, bound and checked against its contract like every typed body, as the JSON the command reader shares with
    /// the case systems' queue, so both channels accept the same fields by the same rules.
    /// </summary>
    private static JsonElement Element<T>(T body)
        where T : IRequestBody => JsonSerializer.SerializeToElement(body, ReaderJson);

    private static readonly JsonSerializerOptions ReaderJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
