using CitizenServices.Domain.Errors;
using CitizenServices.Application.AccessLog;
using CitizenServices.Application.PopulationRegister;
using CitizenServices.Domain.AccessLog;
using CitizenServices.Domain.Authorization;
using CitizenServices.Functions.Authentication;
using CitizenServices.Functions.Authorization;
using CitizenServices.Functions.Fhir;
using CitizenServices.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.AccessLog;

/// <summary><c>GET /api/v1/persons/{subject}/access-log</c>: what was done on the person's behalf, newest first.</summary>
public static class AccessLogApi
{
    public static IEndpointRouteBuilder MapAccessLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/persons/{subject}/access-log", GetAsync)
            .RequireAuthorization(Policies.Citizen)
            .ForSubject(Scope.AccessLog, "access-log.read")
            .WithName("GetAccessLog")
            .WithTags("Access log")
            .WithSummary("The person's access log: every action taken on their behalf by someone else, newest first, paged.")
            .WithFhirView<AccessLogPageView>(AccessLogFhir.Entries, "A searchset Bundle of AuditEvent, one per entry of the page.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<AccessLogPageView>, ProblemHttpResult>> GetAsync(
        HttpContext context, IAccessLog log, IPopulationRegister register, int? pageSize, string? continuationToken,
        CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        var result = await log.ReadAsync(access.Subject, pageSize ?? AccessLogPaging.DefaultPageSize, continuationToken, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }

        var page = result.Value;
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
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
        }

        return TypedResults.Ok(new AccessLogPageView(
            page.Entries.Select(e => Hidden(e, access.IsSelf) ? AccessLogEntryView.FosterHome(e) : AccessLogEntryView.From(e, names.GetValueOrDefault(e.Actor.Id))).ToList(),
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
    /// name, and the full number stays in the log for auditors.
    /// </summary>
    public sealed record AccessLogEntryView(
        long Sequence, DateTimeOffset OccurredAt, string ActorKind, string ActorId, string? ActorName,
        string BasisKind, string? RelationId, string Action, string Operation, string Resource, string Channel, string CorrelationId)
    {
        public static AccessLogEntryView From(AccessLogEntry e, string? actorName) => new(
            e.Sequence,
            e.OccurredAt,
            AccessLogNames.Of(e.Actor.Kind),
            e.Actor.TryGetPerson(out var person) ? person.Masked : e.Actor.Id,
            actorName,
            e.Basis.Kind,
            e.Basis.RelationId,
            e.Action.Kind == AccessLogAccessKind.Read ? "read" : "write",
            e.Action.Operation,
            e.Resource.Template,
            e.Channel,
            e.CorrelationId);

        /// <summary>The entry without who acted or on which relation: "a foster parent did this".</summary>
        public static AccessLogEntryView FosterHome(AccessLogEntry e) => From(e, null) with
        {
            ActorId = AccessLogBasisKinds.FosterParent,
            RelationId = null,
        };
    }
}
