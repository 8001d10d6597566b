using CitizenServices.Application.Booking;
using CitizenServices.Application.Nettlege;
using CitizenServices.Application.Nettlege.Availability;
using CitizenServices.Application.Nettlege.Booking;
using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Application.Nettlege.Pilots;
using CitizenServices.Application.Nettlege.Slots;
using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Infrastructure.Nettlege;
using Microsoft.FeatureManagement;

namespace CitizenServices.Functions.Nettlege;

/// <summary>
/// Nettlege endpoints (docs/nettlege.md): a municipality administrator configures their own pilot; a citizen (or
/// someone who may handle their primary-care appointments) sees whether the service is available and runs triage.
/// </summary>
public static class NettlegeApi
{
    private const string Tag = "Nettlege";

    /// <summary>
    /// Nettlege pilot configuration, availability (the <c>Nettlege</c> feature with the <see cref="NettlegePilotFilter"/>),
    /// triage on the questionnaire files, the booking policy for nettlege schedules, the video-slot generator, completing
    /// consultations and informing the regular GP. Needs storage, booking, the population register and a
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddNettlege(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNettlegeStorage(configuration);
        // Reads the flags from the app configuration (section feature_management, appsettings.json).
        services.AddFeatureManagement().AddFeatureFilter<NettlegePilotFilter>();
        services.AddSingleton<INettlegeFeatureGate, FeatureManagementNettlegeGate>();
        var options = new NettlegeOptions();
        configuration.GetSection(NettlegeOptions.SectionName).Bind(options);
        if (options.RecentTriageHours < 1)
        {
            throw new InvalidOperationException($"{NettlegeOptions.SectionName}:{nameof(NettlegeOptions.RecentTriageHours)} must be 1 or more.");
        }

        if (options.SlotDaysAhead is < 1 or > 62)
        {
            throw new InvalidOperationException($"{NettlegeOptions.SectionName}:{nameof(NettlegeOptions.SlotDaysAhead)} must be 1 to 62.");
        }

        services.AddSingleton(options);
        services.AddScoped<ConfigurePilotHandler>();
        services.AddScoped<SubmitTriageHandler>();
        services.AddScoped<NettlegeAccess>();
        services.AddScoped<IBookingRule, NettlegeBookingPolicy>();
        services.AddScoped<GenerateNettlegeSlotsHandler>();
        services.AddScoped<CompleteConsultationHandler>();
        services.AddScoped<InformRegularGpHandler>();
        services.AddInvokedFunction<RegularGpInformerFunction>();
        return services;
    }

    public static IEndpointRouteBuilder MapNettlegeApi(this IEndpointRouteBuilder app)
    {
        var nettlege = app.MapGroup("/api/v1").WithTags(Tag);

        // The role policy's municipality requirement refuses a {municipality} other than the caller's own.
        var pilots = nettlege.MapGroup("/nettlege").RequireAuthorization(AppRoles.NettlegeAdminister);
        pilots.MapPut("/pilots/{municipality}", ConfigureAsync)
            .WithName("ConfigureNettlegePilot")
            .WithSummary("Configure the caller's own municipality's nettlege pilot; every change is kept as a new version.")
            .AcceptsJson(new PilotBody(
                true, "2026-01-01", "2026-12-31", 15, 8, "Egenandel som for videokonsultasjon på legevakt.", "116 117",
                [new InfoLinkBody("Om nettlegen", "https://www.oslo.kommune.no/nettlege")],
                [.. Vocabularies.Of(Vocabulary.Weekday).Select(d => new OpeningBody(d, "12:00", "22:00"))]))
            .Produces<PilotView>(StatusCodes.Status200OK)
            .Produces<PilotView>(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        pilots.MapGet("/pilots", ListAsync)
            .WithName("ListNettlegePilots")
            .WithSummary("The caller's own municipality's pilot (none, or one) and its version history, newest first.")
            .Produces<PilotListView>();
        pilots.MapGet("/pilots/{municipality}/availability", MunicipalityAvailabilityAsync)
            .WithName("GetNettlegePilotAvailability")
            .WithSummary("What the caller's own municipality's residents are told about nettlege now: available, open, when it next opens, and why not.")
            .Produces<AvailabilityView>()
            .ProducesProblems(StatusCodes.Status403Forbidden);

        var citizen = nettlege.MapGroup(string.Empty).RequireAuthorization(Policies.Citizen);
        citizen.MapGet("/nettlege/questionnaire", GetQuestionnaire)
            .WithName("GetNettlegeQuestionnaire")
            .WithSummary("The current triage questionnaire: steps in the order they are asked, red flags first.")
            .Produces<QuestionnaireView>();

        // Scope appointments-primary-care: nettlege is a municipal primary-care service, which a parent of a 12-15
        // year old keeps and which every basis granting appointments implies (docs/nettlege.md).
        citizen.MapGet("/persons/{subject}/nettlege/availability", AvailabilityAsync)
            .ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "nettlege.availability")
            .WithName("GetNettlegeAvailability")
            .WithSummary("Whether nettlege is available to the subject, open now, when it next opens, and why not.")
            .Produces<AvailabilityView>()
            .ProducesProblems(StatusCodes.Status403Forbidden);
        citizen.MapPost("/persons/{subject}/nettlege/triage", TriageAsync)
            .ForSubject(RepresentationScopes.AppointmentsPrimaryCare, "nettlege.triage")
            .WithName("SubmitNettlegeTriage")
            .WithSummary("Triage the subject's answers: outcome, reasons, advice and next step; the result is stored.")
            .AcceptsJson(new TriageBody(1, new Dictionary<string, List<string>>
            {
                ["red-flags"] = ["none-of-these"], ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"],
                ["self-care"] = ["no"], ["own-gp"] = ["no"],
            }))
            .Produces<TriageView>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        // The clinician's municipality claim decides which nettlege schedule is searched: another municipality's
        // appointment is not found (404), never revealed.
        nettlege.MapPost("/nettlege/consultations/{appointmentId:guid}/complete", CompleteAsync)
            .RequireAuthorization(AppRoles.ConsultationsComplete)
            .WithName("CompleteNettlegeConsultation")
            .WithSummary("Complete a nettlege video consultation of the caller's municipality; the summary goes to the citizen's regular GP.")
            .AcceptsJson(new CompleteConsultationBody(
                "Vurdert på video for hoste i 5 dager uten feber eller tung pust. Råd om egenbehandling; ny kontakt ved forverring."))
            .Produces<ConsultationView>()
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> CompleteAsync(
        HttpContext context, Guid appointmentId, [FromBody] CompleteConsultationBody body, CompleteConsultationHandler handler,
        CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new CompleteConsultationRequest(
                appointmentId, context.CallerMunicipality(), context.User.WorkforceObjectId(), body.Summary, CorrelationId.Get(context)),
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
        HttpContext context, INettlegePilotStore store, CancellationToken cancellationToken)
    {
        var municipality = context.CallerMunicipality();
        var current = await store.GetAsync(municipality, cancellationToken);
        var history = await store.HistoryAsync(municipality, cancellationToken);
        return TypedResults.Ok(new PilotListView(
            current is null ? [] : [PilotView.From(current.Current)], history.Select(PilotView.From).ToList()));
    }

    private static async Task<Ok<AvailabilityView>> MunicipalityAvailabilityAsync(
        string municipality, NettlegeAccess access, CancellationToken cancellationToken) =>
        TypedResults.Ok(AvailabilityView.From(await access.MunicipalityAvailabilityAsync(municipality, cancellationToken)));

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
