using CitizenServices.Application.Organisations;
using CitizenServices.Application.PopulationRegister;

namespace CitizenServices.Functions.AccessLog;

/// <summary><c>GET /api/v1/persons/{subject}/access-log</c>: what was done on the person's behalf, newest first.</summary>
public static class AccessLogApi
{
    /// <summary>The access log on its table, its anchors and the hourly anchoring function. Needs storage.</summary>
    public static IServiceCollection AddAccessLog(this IServiceCollection services)
    {
        services.AddTableAccessLog();
        services.AddInvokedFunction<AccessLogAnchorFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccessLogApi(this IEndpointRouteBuilder app)
    {
        var accessLog = app.MapGroup("/api/v1").RequireAuthorization(Policies.Citizen).WithTags("Access log");
        accessLog.MapGet("/persons/{subject}/access-log", GetAsync)
            .ForSubject(Scope.AccessLog, "access-log.read")
            .WithName("GetAccessLog")
            .WithSummary("The person's access log: every action taken on their behalf by someone else, and every sector system's lookup of their data, newest first, paged.")
            .WithExamples(response: Example)
            .WithFhirView<AccessLogPageView>(AccessLogFhir.Entries, "A searchset Bundle of AuditEvent, one per entry of the page.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        return app;
    }

    private static readonly AccessLogPageView Example = new(
        [
            new AccessLogEntryView(
                12, new DateTimeOffset(2026, 12, 1, 9, 41, 7, 312, TimeSpan.Zero), "organisation", "310000019/310000027",
                "Fjordby sykehus HF, akuttmottaket", AccessLogBasisKinds.SectorSystem, "dips-arena-fjordby", "read", "consent.lookup",
                "/api/v1/registry/consent-definitions/{definitionId}/persons/{person}", AccessLogChannels.SectorSystem,
                "0af7651916cd43dd8448eb211c80319c",
                new OrganisationView("310000019", "Fjordby sykehus HF", "310000027", "Fjordby sykehus HF, akuttmottaket", null),
                new Dictionary<string, string> { ["definitionId"] = "reservation-summary-care-record" }),
            new AccessLogEntryView(
                11, new DateTimeOffset(2026, 11, 30, 18, 2, 51, 45, TimeSpan.Zero), "person", "028183*****", "Ola Hansen",
                AccessLogBasisKinds.Parent, "parent-5f0c3a", "read", "appointments.list", "/api/v1/persons/{subject}/appointments",
                AccessLogChannels.HelsenorgeWeb, "4bf92f3577b34da6a3ce929d0e0e4736"),
        ],
        "ZTkyMjMzNzIwMzY4NTQ3NzU3OTY");

    private static async Task<Results<Ok<AccessLogPageView>, ProblemHttpResult>> GetAsync(
        HttpContext context, IAccessLog log, IPopulationRegister register, IOrganisationRegister organisations, int? pageSize,
        string? continuationToken, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        var result = await log.ReadAsync(access.Subject, pageSize ?? AccessLogPaging.DefaultPageSize, continuationToken, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }

        var page = result.Value;
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var organisationNames = new Dictionary<OrganisationNumber, string?>();
        foreach (var entry in page.Entries)
        {
            if (Hidden(entry, access.IsSelf))
            {
                continue;
            }

            if (entry.Actor.TryGetPerson(out var person) && !names.ContainsKey(entry.Actor.Id))
            {
                names[entry.Actor.Id] = (await register.FindAsync(person, cancellationToken))?.FullName;
            }

            if (entry.Actor.TryGetOrganisation(out var organisation))
            {
                foreach (var number in new[] { organisation.LegalEntity, organisation.SubUnit }.OfType<OrganisationNumber>())
                {
                    if (!organisationNames.ContainsKey(number))
                    {
                        organisationNames[number] = (await organisations.FindAsync(number, cancellationToken))?.Name;
                    }
                }
            }
        }

        return TypedResults.Ok(new AccessLogPageView(
            page.Entries.Select(e => Hidden(e, access.IsSelf)
                ? AccessLogEntryView.FosterHome(e)
                : AccessLogEntryView.From(e, names.GetValueOrDefault(e.Actor.Id), OrganisationView.From(e.Actor, organisationNames))).ToList(),
            page.ContinuationToken));
    }

    /// <summary>
    /// A foster parent's identity (and the care relation it acted on) is shown to the child only: the parents, who may
    /// read the log of a child under 16, must never learn the foster home through this service.
    /// </summary>
    private static bool Hidden(AccessLogEntry entry, bool viewerIsSubject) =>
        !viewerIsSubject && entry.Basis.Kind == AccessLogBasisKinds.FosterParent;

    public sealed record AccessLogPageView(IReadOnlyList<AccessLogEntryView> Entries, string? ContinuationToken);

    /// <summary>
    /// One entry as the person sees it. The actor's identity number is masked: the person sees who acted by
    /// name, and the full number stays in the log for auditors. A sector system's lookup (actor kind <c>organisation</c>,
    /// or <c>health-personnel</c> for a user-bound token) names the organisation in <see cref="Organisation"/>, and
    /// <see cref="ResourceIds"/> says which decision or matter it looked up (e.g. <c>definitionId</c>).
    /// </summary>
    public sealed record AccessLogEntryView(
        long Sequence, DateTimeOffset OccurredAt, string ActorKind, string ActorId, string? ActorName,
        string BasisKind, string? RelationId, string Action, string Operation, string Resource, string Channel, string CorrelationId,
        OrganisationView? Organisation = null, IReadOnlyDictionary<string, string>? ResourceIds = null)
    {
        public static AccessLogEntryView From(AccessLogEntry e, string? actorName, OrganisationView? organisation = null) => new(
            e.Sequence,
            e.OccurredAt,
            AccessLogNames.Of(e.Actor.Kind),
            e.Actor.TryGetPerson(out var person) ? person.Masked : e.Actor.Id,
            actorName ?? organisation?.SubUnitName ?? organisation?.Name,
            e.Basis.Kind,
            e.Basis.RelationId,
            e.Action.Kind == AccessLogAccessKind.Read ? "read" : "write",
            e.Action.Operation,
            e.Resource.Template,
            e.Channel,
            e.CorrelationId,
            organisation,
            ShownIds(e.Resource));

        // Only ids that name no person: an identity number among them stays in the log for auditors.
        private static Dictionary<string, string>? ShownIds(AccessLogResource resource)
        {
            var shown = resource.Ids.Where(i => !NationalIdentityNumber.TryParse(i.Value, out _)).ToDictionary();
            return shown.Count == 0 ? null : shown;
        }

        /// <summary>The entry without who acted or on which relation: "a foster parent did this".</summary>
        public static AccessLogEntryView FosterHome(AccessLogEntry e) => From(e, null) with
        {
            ActorId = AccessLogBasisKinds.FosterParent,
            RelationId = null,
        };
    }

    /// <summary>
    /// The organisation behind a sector system's access: the legal entity's number and name, the sub-unit's where the
    /// system acted for one, and the health personnel's HPR number for a user-bound token. Names are null where the
    /// organisation register does not know the number.
    /// </summary>
    public sealed record OrganisationView(string Number, string? Name, string? SubUnitNumber, string? SubUnitName, string? HprNumber)
    {
        public static OrganisationView? From(AccessLogActor actor, IReadOnlyDictionary<OrganisationNumber, string?> names) =>
            actor.TryGetOrganisation(out var o)
                ? new OrganisationView(
                    o.LegalEntity.Value,
                    names.GetValueOrDefault(o.LegalEntity),
                    o.SubUnit?.Value,
                    o.SubUnit is { } sub ? names.GetValueOrDefault(sub) : null,
                    o.HealthPersonnel?.Value)
                : null;
    }
}
