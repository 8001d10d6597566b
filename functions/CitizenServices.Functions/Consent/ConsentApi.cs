using CitizenServices.Application.Consent;
using CitizenServices.Application.Consent.Decide;
using CitizenServices.Application.Consent.Read;
using CitizenServices.Application.Consent.Registry;
using CitizenServices.Infrastructure.Consent;

namespace CitizenServices.Functions.Consent;

/// <summary>
/// Consent endpoints (docs/consent.md): the public definitions catalog and texts, the person's decisions (scope
/// <c>consents</c>: the person, or a parent of a child under 16), and the sector lookup (HelseID scopes
/// <c>consents.read</c> and <c>consents.list</c>, or Entra role <c>Registry.Read</c>), which writes each person's access log.
/// </summary>
public static class ConsentApi
{
    private const string Tag = "Consent";

    /// <summary>Consents, reservations and restrictions: the catalog, the decisions and the sector lookup (docs/consent.md).</summary>
    public static IServiceCollection AddConsent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConsentStorage(configuration);
        services.AddScoped<DecideConsentHandler>();
        services.AddScoped<ConsentReader>();
        services.AddScoped<ListActivePersonsHandler>();
        services.TryAddSingleton<SectorAccessLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        // The catalog and its texts are what anyone reads before deciding, as published texts: no login needed.
        var definitions = app.MapGroup("/api/v1").AllowAnonymous().WithTags(Tag);
        definitions.MapGet("/consent-definitions", ListDefinitions)
            .WithName("ListConsentDefinitions")
            .WithSummary("Every consent, reservation and restriction definition with its versions and the hash of each version's text.");
        definitions.MapGet("/consent-definitions/{definitionId}/versions/{version}/text", GetTextAsync)
            .WithName("GetConsentText")
            .WithSummary("The text of one version, as stored; its SHA-256 is the version's textSha256.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        var persons = app.MapGroup("/api/v1/persons/{subject}/consents")
            .RequireAuthorization(Policies.Citizen)
            .WithTags(Tag)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        persons.MapGet(string.Empty, ListAsync)
            .ForSubject(Scope.Consents, "consents.read")
            .WithName("ListConsents")
            .WithSummary("Every definition with the person's current decision on it and its status now.")
            .WithFhirView<ConsentListView>(ConsentFhir.List, "A searchset Bundle of Consent, one per decision the person has made.");
        persons.MapGet("/{definitionId}", GetAsync)
            .ForSubject(Scope.Consents, "consent.read")
            .WithName("GetConsent")
            .WithSummary("The person's current decision on one definition and its status now.")
            .WithFhirView<ConsentStateView>(
                (state, context) => state.Decision is null ? ConsentFhir.List(new ConsentListView([]), context) : ConsentFhir.One(state, context),
                "The decision as a Consent (an empty Bundle when the person has not decided).")
            .ProducesProblems(StatusCodes.Status404NotFound);
        persons.MapPut("/{definitionId}", DecideAsync)
            .ForSubject(Scope.Consents, "consent.decide")
            .WithName("DecideConsent")
            .WithSummary("Give or withdraw a consent or restriction, or reserve or lift a reservation, on the version the person saw. Idempotent.")
            .AcceptsJson(new DecideConsentBody("given", "1.1", new DateOnly(2027, 12, 31)))
            .ProducesProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        persons.MapGet("/{definitionId}/history", HistoryAsync)
            .ForSubject(Scope.Consents, "consent-history.read")
            .WithName("GetConsentHistory")
            .WithSummary("Every decision on the definition, newest first: what, which version, when, and who (self or parent).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        // {person}, not {subject}: a sector system acts on its own authority, not on the person's behalf. Each person whose
        // decision is answered gets an access-log entry naming the organisation (SectorAccessLog).
        var registry = app.MapGroup("/api/v1/registry/consent-definitions/{definitionId}/persons")
            .WithTags(Tag)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        registry.MapGet(string.Empty, ListActivePersonsAsync)
            .RequireAuthorization(SectorPolicies.ConsentsList)
            .WithName("ListPersonsWithActiveConsent")
            .WithSummary("People with an active decision on the definition, by identity number, paged with a continuation token.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        registry.MapGet("/{person}", LookupAsync)
            .RequireAuthorization(SectorPolicies.ConsentsRead)
            .WithName("LookupConsent")
            .WithSummary("One person's current decision on the definition and whether it is in force now.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        return app;
    }

    private static Ok<ConsentDefinitionsView> ListDefinitions(IConsentCatalog catalog) =>
        TypedResults.Ok(new ConsentDefinitionsView(catalog.Definitions.Select(ConsentDefinitionView.From).ToList()));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTextAsync(
        HttpContext context, string definitionId, string version, IConsentCatalog catalog, IConsentTexts texts, CancellationToken cancellationToken)
    {
        if (catalog.Find(definitionId) is not { } definition
            || !ConsentVersion.TryParse(version, out var parsed)
            || definition.Find(parsed) is not { } found
            || await texts.ReadAsync(found, cancellationToken) is not { } text)
        {
            return NotFound("definitionId", "No such consent definition or version.");
        }

        context.Response.Headers.ETag = $"\"{text.Sha256}\"";
        context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(text.Sha256))}:";
        return TypedResults.File(text.Content.ToArray(), text.ContentType);
    }

    private static async Task<Ok<ConsentListView>> ListAsync(HttpContext context, ConsentReader reader, CancellationToken cancellationToken)
    {
        var states = await reader.ListAsync(SubjectAccess.For(context).Subject, cancellationToken);
        return TypedResults.Ok(new ConsentListView(states.Select(ConsentStateView.From).ToList()));
    }

    private static async Task<Results<Ok<ConsentStateView>, ProblemHttpResult>> GetAsync(
        HttpContext context, string definitionId, ConsentReader reader, CancellationToken cancellationToken) =>
        await reader.FindAsync(SubjectAccess.For(context).Subject, definitionId, cancellationToken) is { } state
            ? TypedResults.Ok(ConsentStateView.From(state))
            : UnknownDefinition(definitionId);

    private static async Task<Results<Ok<ConsentHistoryView>, ProblemHttpResult>> HistoryAsync(
        HttpContext context, string definitionId, ConsentReader reader, CancellationToken cancellationToken) =>
        await reader.HistoryAsync(SubjectAccess.For(context).Subject, definitionId, cancellationToken) is { } history
            ? TypedResults.Ok(new ConsentHistoryView(definitionId, history.Select(ConsentDecisionView.From).ToList()))
            : UnknownDefinition(definitionId);

    private static async Task<Results<Ok<ConsentStateView>, ProblemHttpResult>> DecideAsync(
        HttpContext context, string definitionId, [FromBody] DecideConsentBody body, DecideConsentHandler handler, IConsentCatalog catalog,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var access = SubjectAccess.For(context);
        if (!ConsentChoices.TryParse(body.Decision, out var choice))
        {
            return Invalid("decision", "Use 'given' or 'withdrawn' (consents, restrictions), or 'reserved' or 'lifted' (reservations).");
        }

        if (!ConsentVersion.TryParse(body.Version, out var version))
        {
            return Invalid("version", "The version of the text the person saw, as major.minor (e.g. 1.0).");
        }

        var result = await handler.HandleAsync(
            new DecideConsentRequest(access.Subject, access.Actor, access.Basis, definitionId, new ConsentRequest(choice, version, body.ValidTo),
                CorrelationId.Get(context)),
            cancellationToken);
        return result.Match<Results<Ok<ConsentStateView>, ProblemHttpResult>>(
            decided => TypedResults.Ok(ConsentStateView.From(ConsentReader.State(catalog.Find(definitionId)!, decided.Decision, time.GetUtcNow()))),
            error => error.ToProblem());
    }

    private static async Task<Results<Ok<RegistryDecisionView>, ProblemHttpResult>> LookupAsync(
        HttpContext context, string definitionId, string person, ConsentReader reader, SectorAccessLog accessLog, CancellationToken cancellationToken)
    {
        if (!NationalIdentityNumber.TryParse(person, out var number, out var error))
        {
            return Invalid("person", error ?? "Not a valid national identity number.");
        }

        if (await reader.FindAsync(number, definitionId, cancellationToken) is not { } state)
        {
            return UnknownDefinition(definitionId);
        }

        await accessLog.AppendAsync(context, number, "consent.lookup", [new("definitionId", definitionId)], cancellationToken);
        return TypedResults.Ok(RegistryDecisionView.From(state, number.Value));
    }

    private static async Task<Results<Ok<RegistryPersonsPageView>, ProblemHttpResult>> ListActivePersonsAsync(
        HttpContext context, string definitionId, int? pageSize, string? continuationToken, ListActivePersonsHandler handler,
        SectorAccessLog accessLog, CancellationToken cancellationToken)
    {
        var size = pageSize ?? ActivePersonsPaging.DefaultPageSize;
        if (size is < 1 or > ActivePersonsPaging.MaxPageSize)
        {
            return Invalid("pageSize", $"Between 1 and {ActivePersonsPaging.MaxPageSize}.");
        }

        NationalIdentityNumber? after = null;
        if (continuationToken is not null)
        {
            if (!TryDecodeToken(continuationToken, out var last))
            {
                return Invalid("continuationToken", "Pass back the token of the previous page unchanged.");
            }

            after = last;
        }

        if (await handler.HandleAsync(definitionId, after, size, cancellationToken) is not { } page)
        {
            return UnknownDefinition(definitionId);
        }

        // Being on the list discloses the person's decision: every person listed gets an entry before the page is sent.
        await accessLog.AppendEachAsync(context, page.Persons.Select(p => p.Person), "consents.list", [new("definitionId", definitionId)], cancellationToken);

        return TypedResults.Ok(new RegistryPersonsPageView(
            definitionId,
            page.Persons.Select(RegistryPersonView.From).ToList(),
            page.HasMore ? EncodeToken(page.Persons[^1].Person) : null));
    }

    /// <summary>The token is the last person of the page; the next page starts after them, so none is repeated or skipped.</summary>
    private static string EncodeToken(NationalIdentityNumber last) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(last.Value));

    private static bool TryDecodeToken(string token, out NationalIdentityNumber last)
    {
        last = default;
        if (token.Length > 40)
        {
            return false;
        }

        try
        {
            return NationalIdentityNumber.TryParse(Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)), out last)
                && EncodeToken(last) == token;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static ProblemHttpResult UnknownDefinition(string definitionId) =>
        Error.NotFound(Error.NotFoundCode, "definitionId", "No consent definition with this id.").ToProblem();

    private static ProblemHttpResult NotFound(string field, string detail) => Error.NotFound(Error.NotFoundCode, field, detail).ToProblem();

    private static ProblemHttpResult Invalid(string field, string detail) => ErrorProblems.BadRequest(field, detail);
}
