using CitizenServices.Application.Representation;

namespace CitizenServices.Functions.Representation;

/// <summary>
/// <c>GET /api/v1/persons/{subject}/represented</c> (whom the person can act for) and
/// <c>GET /api/v1/persons/{subject}/representatives</c> (who can act for the person). Both pass the one
/// enforcement point; <c>represented</c> declares a scope no representation grants, so only the person
/// themselves (<c>me</c>) gets it: a representative never sees or uses the principal's own representations.
/// </summary>
public static class RepresentationApi
{
    private const string Tag = "Representation";

    /// <summary>
    /// Parents as a representation kind (for the enforcement point and for the listings), and the listing service
    /// that reads every <see cref="IRepresentedLookup"/> and <see cref="IRepresentationDirectory"/> registered, by this or
    /// by the stored kinds (which share one <see cref="IRepresentedLookup"/>, the index by representative).
    /// </summary>
    public static IServiceCollection AddRepresentation(this IServiceCollection services)
    {
        services.AddRepresentationSource(sp => new ParentRepresentationSource(
            sp.GetRequiredService<ISubjectRecords>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IRepresentedLookup>(sp => sp.GetRequiredService<ParentRepresentationSource>());
        services.AddScoped<RepresentationListing>();
        services.AddScoped<RepairRepresentationIndexHandler>();
        services.TryAddSingleton<SectorAccessLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapRepresentationApi(this IEndpointRouteBuilder app)
    {
        var representation = app.MapGroup("/api/v1").WithTags(Tag);
        var person = representation.MapGroup("/persons/{subject}")
            .RequireAuthorization(Policies.Citizen)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        person.MapGet("/represented", GetRepresentedAsync)
            .ForSubject(RepresentationScopes.OwnRepresentations, "represented.read")
            .WithName("GetRepresented")
            .WithSummary("Everyone the person can act for now, with the basis, scopes and validity of each representation.")
            .WithFhirView<RepresentedList>(RepresentationFhir.Represented, "A searchset Bundle: per representation a RelatedPerson (the caller) and a Consent (legal basis, period, scopes).");
        person.MapGet("/representatives", GetRepresentativesAsync)
            .ForSubject(Scope.Representation, "representatives.read")
            .WithName("GetRepresentatives")
            .WithSummary("Everyone who can act for the person now, with the basis, scopes and validity of each representation.")
            .WithFhirView<RepresentativeList>(RepresentationFhir.Representatives, "A searchset Bundle: per representation a RelatedPerson (the representative, by name) and a Consent.");

        representation.MapPost("/admin/representation-index/repair", RepairIndexAsync)
            .RequireAuthorization(AppRoles.RepresentationAdminister)
            .WithName("RepairRepresentationIndex")
            .WithSummary("Rebuild one principal's rows of every stored kind in the index by representative from the principal's own data.")
            .AcceptsJson(new RepairIndexBody("14838510036"))
            .Produces<RepairIndexResult>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden);

        representation.MapRegistryRepresentationApi();
        return app;
    }

    private static async Task<Results<Ok<RepairIndexResult>, ProblemHttpResult>> RepairIndexAsync(
        HttpContext context, [FromBody] RepairIndexBody body, RepairRepresentationIndexHandler handler,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (ErrorProblems.ReadNumber(body.Principal, "principal", out var principal) is { } problem)
        {
            return problem;
        }

        var repairs = await handler.HandleAsync(principal, cancellationToken);
        var operatorId = context.User.FindFirst("oid")?.Value ?? context.User.FindFirst("sub")?.Value;
        loggers.CreateLogger(typeof(RepresentationApi)).LogInformation(
            "Representation index of {Principal} repaired by {Operator}: {Repairs}.",
            principal, operatorId, string.Join(", ", repairs.Select(r => $"{r.Kind} {r.Rewritten} rewritten {r.Removed} removed")));
        return TypedResults.Ok(new RepairIndexResult(principal.Masked, repairs));
    }

    public sealed record RepairIndexBody(
        [property: Format(RequestPatterns.NationalIdentityNumber, RequestPatterns.NationalIdentityNumberMessage)] string Principal) : IRequestBody;

    /// <summary>What the repair did per kind; the principal by masked number.</summary>
    public sealed record RepairIndexResult(string MaskedPrincipal, IReadOnlyList<RepresentationIndexRepair> Kinds);

    private static async Task<Ok<RepresentedList>> GetRepresentedAsync(
        HttpContext context, RepresentationListing listing, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        // The enforcement point already allows only self here; this keeps the endpoint safe on its own.
        if (!access.IsSelf)
        {
            throw new InvalidOperationException("The represented list was reached on someone else's behalf.");
        }

        var persons = await listing.ListRepresentedAsync(access.Subject, cancellationToken);
        return TypedResults.Ok(new RepresentedList(persons.Select(p => new RepresentedPerson(
            p.Person.Id.Value, p.Person.FullName, p.Person.BirthDate, p.Bases.Select(BasisView.From).ToList())).ToList()));
    }

    private static async Task<Ok<RepresentativeList>> GetRepresentativesAsync(
        HttpContext context, RepresentationListing listing, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        var persons = await listing.ListRepresentativesAsync(access.Subject, access.Actor, cancellationToken);
        return TypedResults.Ok(new RepresentativeList(persons.Select(p => new RepresentativePerson(
            p.Person.Id.Masked, p.Person.FullName, p.Bases.Select(BasisView.From).ToList())).ToList()));
    }

    public sealed record RepresentedList(IReadOnlyList<RepresentedPerson> Persons);

    /// <summary>
    /// A person the caller can act for. The full number is returned: the caller needs it for
    /// <c>/persons/{subject}/...</c> URLs and is entitled to it while the representation holds.
    /// </summary>
    public sealed record RepresentedPerson(
        string NationalIdentityNumber, string Name, DateOnly BirthDate, IReadOnlyList<BasisView> Representations);

    public sealed record RepresentativeList(IReadOnlyList<RepresentativePerson> Persons);

    /// <summary>
    /// Someone who can act for the subject, by name and masked number: the subject has no use for a
    /// representative's full number (ending a fullmakt goes by its id), and a representative reading the list
    /// should not learn other people's numbers.
    /// </summary>
    public sealed record RepresentativePerson(
        string MaskedNationalIdentityNumber, string Name, IReadOnlyList<BasisView> Representations);

    /// <summary>One basis. <c>validTo</c> is exclusive (the first instant it no longer holds), in Europe/Oslo offset.</summary>
    public sealed record BasisView(
        string Kind, string RelationId, IReadOnlyList<string> Scopes, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)
    {
        public static BasisView From(RepresentationBasis basis) => new(
            basis.Kind.Value,
            basis.RelationId,
            basis.Scopes.Select(s => s.Value).Order(StringComparer.Ordinal).ToList(),
            NorwegianTime.ToOslo(basis.ValidFrom),
            basis.ValidTo is { } to ? NorwegianTime.ToOslo(to) : null);
    }
}
