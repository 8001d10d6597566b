namespace CitizenServices.Functions.Representation;

/// <summary>
/// <c>GET /api/v1/registry/persons/{person}/representatives/{representative}?scope=</c>: may this person act for that one in
/// this matter, now? A pharmacy asks it before handing over someone else's prescriptions. It answers one question about two
/// people the sector system already has in front of it, never a list of someone's representatives: the system learns
/// no more than it needs. The same rule decides as for citizens' own requests (<see cref="SubjectAccessDecider"/>: a
/// representation valid now that covers the scope, nobody with a confidential address, nobody dead or unknown). HelseID
/// scope <c>representation.read</c>; the person's access log records the check (not who was asked about).
/// </summary>
public static class RegistryRepresentationApi
{
    /// <summary>The matters a representation can cover that a sector system may ask about.</summary>
    public static IReadOnlyList<Scope> Matters { get; } =
        [Scope.Prescriptions, Scope.HealthRecords, Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare, Scope.Messages];

    /// <summary>Maps the check under <paramref name="representation"/>, the representation module's <c>/api/v1</c> group.</summary>
    public static RouteGroupBuilder MapRegistryRepresentationApi(this RouteGroupBuilder representation)
    {
        representation.MapGet("/registry/persons/{person}/representatives/{representative}", CheckAsync)
            .RequireAuthorization(SectorPolicies.RepresentationRead)
            .WithName("CheckRepresentation")
            .WithSummary("Whether the representative may act for the person in the matter (scope) now, and on what basis.")
            .WithExamples(response: new RepresentationCheckView(true, "prescriptions", new CheckedBasisView(
                "parent", ["appointments", "health-records", "prescriptions"], new DateTimeOffset(2015, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), null)))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        return representation;
    }

    private static async Task<Results<Ok<RepresentationCheckView>, ProblemHttpResult>> CheckAsync(
        HttpContext context, string person, string representative, string? scope, SubjectAccessDecider decider, SectorAccessLog accessLog,
        CancellationToken cancellationToken)
    {
        if (ErrorProblems.ReadNumber(person, "person", out var principal) is { } badPerson)
        {
            return badPerson;
        }

        if (ErrorProblems.ReadNumber(representative, "representative", out var agent) is { } badRepresentative)
        {
            return badRepresentative;
        }

        if (agent == principal)
        {
            return ErrorProblems.BadRequest("representative", "The representative is the person; ask about someone else.");
        }

        if (Matters.FirstOrDefault(m => m.Value == scope) is not { Value: not null } matter)
        {
            return ErrorProblems.BadRequest("scope", $"One of {string.Join(", ", Matters.Select(m => m.Value))}.");
        }

        var decision = await decider.DecideAsync(agent, principal, matter, cancellationToken);
        await accessLog.AppendAsync(context, principal, "representation.check", [new("scope", matter.Value)], cancellationToken);
        return TypedResults.Ok(new RepresentationCheckView(
            decision.IsAllowed,
            matter.Value,
            decision.Basis is { } basis ? CheckedBasisView.From(basis) : null));
    }

    /// <summary>The answer: <c>mayAct</c>, for <c>scope</c>, and the basis that allows it (none when it does not).</summary>
    public sealed record RepresentationCheckView(bool MayAct, string Scope, CheckedBasisView? Basis);

    /// <summary>
    /// The basis: its kind (parent, fullmakt, guardian, foster-parent, ...), everything it covers, and its validity
    /// (<c>validTo</c> exclusive, Europe/Oslo offset). The relation's id stays with the people it concerns.
    /// </summary>
    public sealed record CheckedBasisView(string Kind, IReadOnlyList<string> Scopes, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)
    {
        public static CheckedBasisView From(RepresentationBasis basis) => new(
            basis.Kind.Value,
            basis.Scopes.Select(s => s.Value).Order(StringComparer.Ordinal).ToList(),
            NorwegianTime.ToOslo(basis.ValidFrom),
            basis.ValidTo is { } to ? NorwegianTime.ToOslo(to) : null);
    }
}
