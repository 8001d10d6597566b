using CitizenServices.Application.Nettlege;
using CitizenServices.Application.Nettlege.Availability;
using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Application.Nettlege.Pilots;
using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Domain.Nettlege;
using CitizenServices.Domain.Representation;
using CitizenServices.Functions.Authentication;
using CitizenServices.Functions.Authorization;
using CitizenServices.Functions.Invocation;
using CitizenServices.Functions.Observability;
using CitizenServices.Functions.OpenApi;
using CitizenServices.Functions.Requests;
using CitizenServices.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using CitizenServices.Domain.Errors;

namespace CitizenServices.Functions.Nettlege;

/// <summary>
/// Nettlege endpoints (docs/nettlege.md): a municipality administrator configures their own pilot; a citizen (or
/// someone who may handle their primary-care appointments) sees whether the service is available and runs triage.
/// </summary>
public static class NettlegeApi
{
    private const string Tag = "Nettlege";

    public static IEndpointRouteBuilder MapNettlegeApi(this IEndpointRouteBuilder app)
    {
        // The role policy's municipality requirement refuses a {municipality} other than the caller's own.
        app.MapPut("/api/v1/nettlege/pilots/{municipality}", ConfigureAsync)
            .RequireAuthorization(AppRoles.NettlegeAdminister)
            .WithName("ConfigureNettlegePilot")
            .WithTags(Tag)
            .WithSummary("Configure the caller's own municipality's nettlege pilot; every change is kept as a new version.")
            .Accepts<PilotBody>("application/json")
            .WithExamples(request: new PilotBody(
                true, "2026-01-01", "2026-12-31", 15, 8, "Egenandel som for videokonsultasjon på legevakt.", "116 117",
                [new InfoLinkBody("Om nettlegen", "https://www.oslo.kommune.no/nettlege")],
                [.. Vocabularies.Of(Vocabulary.Weekday).Select(d => new OpeningBody(d, "12:00", "22:00"))]))
            .Produces<PilotView>(StatusCodes.Status200OK)
            .Produces<PilotView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/v1/nettlege/pilots", ListAsync)
            .RequireAuthorization(AppRoles.NettlegeAdminister)
            .WithName("ListNettlegePilots")
            .WithTags(Tag)
            .WithSummary("The caller's own municipality's pilot (none, or one) and its version history, newest first.")
            .Produces<PilotListView>();

        app.MapGet("/api/v1/nettlege/questionnaire", GetQuestionnaire)
            .RequireAuthorization(Policies.Citizen)
            .WithName("GetNettlegeQuestionnaire")
            .WithTags(Tag)
            .WithSummary("The current triage questionnaire: steps in the order they are asked, red flags first.")
            .Produces<QuestionnaireView>();

        // Scope appointments-primary-care: nettlege is a municipal primary-care service, which a parent of a 12-15
        // year old keeps and which every basis granting appointments implies (docs/nettlege.md).
        app.MapGet("/api/v1/persons/{subject}/nettlege/availability", AvailabilityAsync)
            .RequireAuthorization(Policies.Citizen)
            .ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "nettlege.availability")
            .WithName("GetNettlegeAvailability")
            .WithTags(Tag)
            .WithSummary("Whether nettlege is available to the subject, open now, when it next opens, and why not.")
            .Produces<AvailabilityView>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        app.MapPost("/api/v1/persons/{subject}/nettlege/triage", TriageAsync)
            .RequireAuthorization(Policies.Citizen)
            .ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "nettlege.triage")
            .WithName("SubmitNettlegeTriage")
            .WithTags(Tag)
            .WithSummary("Triage the subject's answers: outcome, reasons, advice and next step; the result is stored.")
            .Accepts<TriageBody>("application/json")
            .WithExamples(request: new TriageBody(1, new Dictionary<string, List<string>>
            {
                ["red-flags"] = ["none-of-these"], ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"],
                ["self-care"] = ["no"], ["own-gp"] = ["no"],
            }))
            .Produces<TriageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The clinician's municipality claim decides which nettlege schedule is searched: another municipality's
        // appointment is not found (404), never revealed.
        app.MapPost("/api/v1/nettlege/consultations/{appointmentId:guid}/complete", CompleteAsync)
            .RequireAuthorization(AppRoles.ConsultationsComplete)
            .WithName("CompleteNettlegeConsultation")
            .WithTags(Tag)
            .WithSummary("Complete a nettlege video consultation of the caller's municipality; the summary goes to the citizen's regular GP.")
            .Accepts<CompleteConsultationBody>("application/json")
            .WithExamples(request: new CompleteConsultationBody(
                "Vurdert på video for hoste i 5 dager uten feber eller tung pust. Råd om egenbehandling; ny kontakt ved forverring."))
            .Produces<ConsultationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapInvokedFunction<FastlegeInformerFunction>();
        return app;
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> CompleteAsync(
        HttpContext context, Guid appointmentId, [FromBody] CompleteConsultationBody body, CompleteConsultationHandler handler,
        WorkforceAuthenticationOptions workforce, CancellationToken cancellationToken)
    {
        var municipality = MunicipalityRequirement.MunicipalityOf(context.User, workforce)
            ?? throw new InvalidOperationException("The role policy let a caller without a municipality through.");
        var result = await handler.HandleAsync(
            new CompleteConsultationRequest(appointmentId, municipality, context.User.WorkforceObjectId(), body.Summary, CorrelationId.Get(context)),
            cancellationToken);
        return result.Match<Results<Ok<ConsultationView>, ProblemHttpResult>>(
            completed => TypedResults.Ok(ConsultationView.From(completed.Consultation)), error => error.ToProblem());
    }

    private static async Task<Results<Ok<PilotView>, Created<PilotView>, ProblemHttpResult>> ConfigureAsync(
        HttpContext context, string municipality, [FromBody] PilotBody body, ConfigurePilotHandler handler, CancellationToken cancellationToken)
    {
        var administrator = context.User.WorkforceObjectId();
        var result = await handler.HandleAsync(new ConfigurePilotRequest(municipality, administrator, body.ToDraft()), cancellationToken);
        return result.Match<Results<Ok<PilotView>, Created<PilotView>, ProblemHttpResult>>(
            saved => saved.Created
                ? TypedResults.Created($"/api/v1/nettlege/pilots/{municipality}", PilotView.From(saved.Saved))
                : TypedResults.Ok(PilotView.From(saved.Saved)),
            error => error.ToProblem());
    }

    private static async Task<Ok<PilotListView>> ListAsync(
        HttpContext context, INettlegePilotStore store, WorkforceAuthenticationOptions workforce, CancellationToken cancellationToken)
    {
        var municipality = MunicipalityRequirement.MunicipalityOf(context.User, workforce)
            ?? throw new InvalidOperationException("The role policy let a caller without a municipality through.");
        var current = await store.GetAsync(municipality, cancellationToken);
        var history = await store.HistoryAsync(municipality, cancellationToken);
        return TypedResults.Ok(new PilotListView(
            current is null ? [] : [PilotView.From(current.Current)], history.Select(PilotView.From).ToList()));
    }

    private static Ok<QuestionnaireView> GetQuestionnaire(IQuestionnaireCatalog catalog) =>
        TypedResults.Ok(QuestionnaireView.From(catalog.Current));

    private static async Task<Ok<AvailabilityView>> AvailabilityAsync(HttpContext context, NettlegeAccess access, CancellationToken cancellationToken)
    {
        var subject = SubjectAccess.For(context).Subject;
        return TypedResults.Ok(AvailabilityView.From(await access.AvailabilityAsync(subject, cancellationToken)));
    }

    private static async Task<Results<Ok<TriageView>, ProblemHttpResult>> TriageAsync(
        HttpContext context, [FromBody] TriageBody body, SubmitTriageHandler handler, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        var answers = body.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)(a.Value ?? []));
        var result = await handler.HandleAsync(new SubmitTriageRequest(access.Subject, access.Actor, body.QuestionnaireVersion, answers), cancellationToken);
        return result.Match<Results<Ok<TriageView>, ProblemHttpResult>>(triage => TypedResults.Ok(TriageView.From(triage)), error => error.ToProblem());
    }
}
