using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenServices.Domain.Time;
using CitizenServices.Infrastructure.PopulationRegister;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenServices.FolkeregisterDouble;

/// <summary>Settings of the double (section <c>RegisterDouble</c>, or set by a test).</summary>
public sealed class RegisterDoubleOptions
{
    /// <summary>The seed file loaded at start; null or empty starts with nobody.</summary>
    public string? SeedFile { get; set; } = "seed/population-register.json";

    /// <summary>The public JWK (JSON) whose private part signs the client's Maskinporten grant.</summary>
    public string? ClientJwkFile { get; set; } = "dev/maskinporten-development-client.jwk.json";

    public string ClientId { get; set; } = "citizen-services-local";

    public string Scope { get; set; } = "folkeregister:deling/offentligmedhjemmel";

    /// <summary>The <c>aud</c> a Maskinporten grant must carry (the test environment's issuer).</summary>
    public string Audience { get; set; } = "https://test.maskinporten.no/";

    public int PageSize { get; set; } = 1000;
}

/// <summary>Faults a test asks for; each is used up by the requests it hits.</summary>
public sealed class DoubleFaults
{
    private readonly ConcurrentQueue<Fault> _queue = new();

    public void Enqueue(Fault fault) => _queue.Enqueue(fault);

    public bool TryTake(string path, out Fault fault)
    {
        if (_queue.TryPeek(out var next) && (next.PathContains is null || path.Contains(next.PathContains, StringComparison.Ordinal))
            && _queue.TryDequeue(out var taken))
        {
            fault = taken;
            return true;
        }

        fault = default!;
        return false;
    }

    public void Clear() => _queue.Clear();

    /// <summary>Status 500 or 429 (with <see cref="RetryAfterSeconds"/>), or a delay before an ordinary answer.</summary>
    public sealed record Fault(int Status, int RetryAfterSeconds, int DelayMilliseconds, string? PathContains);
}

/// <summary>
/// Folkeregisteret's consumer API (offentlig med hjemmel) as documented in Skatteetaten's folkeregisteret-api-dokumentasjon
/// and OpenAPI description: the event feed (<c>hendelser/feed?seq=</c>, pages of up to 1,000, ETag and 304), person
/// lookups (<c>personer/{id}</c>, <c>personer/bulkoppslag</c>) with <c>part=</c>, errors as <c>{kode, melding}</c>, 429
/// with <c>Retry-After</c>; and a Maskinporten-shaped token endpoint (JWT bearer grant). Plus <c>/testdouble/...</c>,
/// the control API a test or a person uses to append events.
/// </summary>
public static class RegisterDoubleApp
{
    public const string ApiBase = "/folkeregisteret/offentlig-med-hjemmel/api/v1";

    public static WebApplication Build(string[] args, Action<RegisterDoubleOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = new RegisterDoubleOptions();
        builder.Configuration.GetSection("RegisterDouble").Bind(options);
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Population>();
        builder.Services.AddSingleton<DoubleFaults>();
        builder.Services.AddSingleton<TokenIssuer>();
        var app = builder.Build();

        var population = app.Services.GetRequiredService<Population>();
        if (!string.IsNullOrWhiteSpace(options.SeedFile))
        {
            var path = Path.IsPathRooted(options.SeedFile) ? options.SeedFile : Path.Combine(AppContext.BaseDirectory, options.SeedFile);
            // Relative births (the seed's infants) count back from the double's own today, so its clock decides their numbers.
            population.LoadSeed(SeedFilePopulationRegister.Load(path, NorwegianTime.Today(app.Services.GetRequiredService<TimeProvider>())).People);
        }

        app.Use(async (context, next) =>
        {
            var faults = context.RequestServices.GetRequiredService<DoubleFaults>();
            if (context.Request.Path.StartsWithSegments(ApiBase, StringComparison.Ordinal) && faults.TryTake(context.Request.Path.Value!, out var fault))
            {
                if (fault.DelayMilliseconds > 0)
                {
                    await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
                }

                if (fault.Status == 429)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    await Error(context, 429, "FREG-429", "For mange kall er gjort på for kort tid.");
                    return;
                }

                if (fault.Status >= 500)
                {
                    await Error(context, fault.Status, "FREG-001", "Feil i tjenesten. Vennligst prøv igjen seinere.");
                    return;
                }
            }

            await next(context);
        });

        MapToken(app);
        MapRegister(app);
        MapControl(app);
        return app;
    }

    private static void MapToken(WebApplication app) =>
        app.MapPost("/token", async (HttpContext context, TokenIssuer issuer) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || string.IsNullOrEmpty(form["assertion"]))
            {
                return Results.Json(new { error = "invalid_request", error_description = "A JWT bearer grant is required." }, statusCode: 400);
            }

            var (token, error) = await issuer.IssueAsync(form["assertion"]!);
            return token is null
                ? Results.Json(new { error = "invalid_grant", error_description = error }, statusCode: 400)
                : Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 120, scope = issuer.Scope });
        });

    private static void MapRegister(WebApplication app)
    {
        var api = app.MapGroup(ApiBase).AddEndpointFilter(async (context, next) =>
        {
            var issuer = context.HttpContext.RequestServices.GetRequiredService<TokenIssuer>();
            var header = context.HttpContext.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !issuer.IsValid(header["Bearer ".Length..]))
            {
                await Error(context.HttpContext, 401, "FREG-401", "Autentiseringsinformasjon mangler.");
                return null;
            }

            return await next(context);
        });

        api.MapGet("/hendelser/feed", (HttpContext context, Population population, RegisterDoubleOptions options) =>
        {
            if (!long.TryParse(context.Request.Query["seq"], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 0)
            {
                return ErrorResult(400, "FREG-400", "seq må være et ikke-negativt sekvensnummer.");
            }

            var page = population.Feed(Math.Max(seq, 1), options.PageSize);
            var etag = $"\"{seq}-{(page.Count == 0 ? 0 : page[^1].Sequence)}\"";
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                return Results.StatusCode(304);
            }

            var body = new JsonArray([.. page.Select(e => (JsonNode)new JsonObject
            {
                ["sekvensnummer"] = e.Sequence,
                ["hendelse"] = new JsonObject
                {
                    ["folkeregisteridentifikator"] = e.PersonId,
                    ["hendelsetype"] = e.Type,
                    ["hendelsesdokument"] = e.EventDocumentId,
                    ["persondokument"] = e.PersonDocumentId,
                    ["ajourholdstidspunkt"] = e.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                },
            })]);
            return Results.Content(body.ToJsonString(), "application/json");
        });

        api.MapGet("/hendelser/siste/sekvensnummer", (Population population) => Results.Json(population.LastSequence));

        api.MapGet("/personer/{id}", (string id, HttpContext context, Population population) =>
        {
            var (parts, history, unknown) = PersonDocument.Select(context.Request.Query["part"].OfType<string>().ToList());
            if (unknown is not null)
            {
                return ErrorResult(400, "FREG-400", $"Ukjent part: {unknown}");
            }

            return population.Find(id) is { } person
                ? Results.Content(PersonDocument.Render(person, population.ChildrenOf(person.Id), parts, history).ToJsonString(), "application/json")
                : ErrorResult(404, "FREG-404", "Ukjent person.");
        });

        api.MapPost("/personer/bulkoppslag", async (HttpContext context, Population population) =>
        {
            var (parts, history, unknown) = PersonDocument.Select(context.Request.Query["part"].OfType<string>().ToList());
            if (unknown is not null)
            {
                return ErrorResult(400, "FREG-400", $"Ukjent part: {unknown}");
            }

            JsonNode? request;
            try
            {
                request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                return ErrorResult(400, "FREG-400", "Forespørselen er ikke gyldig JSON.");
            }

            if (request?["foedselsEllerDNummer"] is not JsonArray ids || ids.Count > 1000)
            {
                return ErrorResult(400, "FREG-400", "foedselsEllerDNummer må være en liste med høyst 1000 identifikatorer.");
            }

            var lookups = new JsonArray();
            foreach (var id in ids.Select(i => i?.GetValue<string>() ?? string.Empty))
            {
                lookups.Add(population.Find(id) is { } person
                    ? new JsonObject
                    {
                        ["foedselsEllerDNummer"] = id,
                        ["folkeregisterperson"] = PersonDocument.Render(person, population.ChildrenOf(person.Id), parts, history),
                    }
                    : new JsonObject { ["foedselsEllerDNummer"] = id, ["feilmelding"] = new JsonObject { ["feilmelding"] = "Ukjent person." } });
            }

            return Results.Content(new JsonObject { ["oppslag"] = lookups }.ToJsonString(), "application/json");
        });
    }

    private static void MapControl(WebApplication app)
    {
        var control = app.MapGroup("/testdouble");
        control.MapGet("/sequence", (Population population) => Results.Json(new { last = population.LastSequence }));

        // A person's current number by name, as plain text for a shell: the seed's infants get a new number every day (their
        // birth is relative to today), so walkthroughs look them up:  ELLA=$(curl -s "$REGISTER/testdouble/ids?name=Ella%20Nygaard")
        control.MapGet("/ids", (string name, Population population) => population.FindByName(name) switch
        {
            [var person] => Results.Text(person.Id),
            [] => Results.Text($"Nobody named '{name}' in the register double.", statusCode: StatusCodes.Status404NotFound),
            var several => Results.Text($"{several.Count} people are named '{name}'.", statusCode: StatusCodes.Status409Conflict),
        });

        control.MapPost("/faults", (FaultRequest request, DoubleFaults faults) =>
        {
            for (var i = 0; i < Math.Max(1, request.Count); i++)
            {
                faults.Enqueue(new DoubleFaults.Fault(request.Status, request.RetryAfterSeconds, request.DelayMilliseconds, request.PathContains));
            }

            return Results.NoContent();
        });
        control.MapDelete("/faults", (DoubleFaults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        control.MapPost("/persons", (NewPerson request, Population population) => population.Change(p =>
        {
            var id = p.NewNumber(request.BirthDate, request.DNumber);
            var person = new DoublePerson
            {
                Id = id,
                GivenName = request.GivenName,
                FamilyName = request.FamilyName,
                Municipality = request.Address?.Municipality ?? "0301",
                Residence = request.Address?.ToAddress(),
            };
            p.Add(person);
            return (Results.Json(new { id }), new[] { (id, "personErOpprettet") });
        }));

        control.MapPost("/births", (Birth request, Population population) => population.Change(p =>
        {
            var parents = request.Parents.Select(p.Get).ToList();
            var id = p.NewNumber(request.BirthDate);
            var child = new DoublePerson
            {
                Id = id,
                GivenName = request.GivenName,
                FamilyName = request.FamilyName ?? parents[0].FamilyName,
                Municipality = parents[0].Municipality,
                Residence = parents[0].Residence,
            };
            child.ResponsibleParents.AddRange(request.Parents);
            p.Add(child);
            return (Results.Json(new { id }), new[] { (id, "personErOpprettet") }.Concat(request.Parents.Select(parent => (parent, "endringIForeldreansvar"))));
        }));

        control.MapPost("/persons/{id}/move", (string id, AddressRequest address, Population population) => population.Change(p =>
        {
            var person = p.Get(id);
            person.Residence = address.ToAddress();
            person.Municipality = address.Municipality;
            return (Results.NoContent(), new[] { (id, "endringIBostedsadresse") });
        }));

        control.MapPut("/persons/{id}/shared-residence", (string id, AddressRequest[] addresses, Population population) => population.Change(p =>
        {
            var person = p.Get(id);
            person.SharedResidences.Clear();
            person.SharedResidences.AddRange(addresses.Select(a => a.ToAddress()));
            return (Results.NoContent(), new[] { (id, "endringIDeltBosted") });
        }));

        control.MapPost("/persons/{id}/death", (string id, Death request, Population population) => population.Change(p =>
        {
            p.Get(id).DeceasedOn = request.Date;
            return (Results.NoContent(), new[] { (id, "endringIDoedsfall") });
        }));

        control.MapPost("/persons/{id}/protection", (string id, Protection request, Population population) => population.Change(p =>
        {
            var person = p.Get(id);
            person.Protection = request.Level;
            if (request.Level == "strengtFortrolig")
            {
                person.Residence = null;
            }

            return (Results.NoContent(), new[] { (id, "endringIAdressebeskyttelse") });
        }));

        control.MapPut("/persons/{id}/responsibility", (string id, Responsibility request, Population population) => population.Change(p =>
        {
            var child = p.Get(id);
            var touched = child.ResponsibleParents.Union(request.Parents).ToList();
            child.ResponsibleParents.Clear();
            child.ResponsibleParents.AddRange(request.Parents);
            return (Results.NoContent(), new[] { (id, "endringIForeldreansvar") }.Concat(touched.Select(parent => (parent, "endringIForeldreansvar"))));
        }));

        control.MapPost("/persons/{id}/guardians", (string id, GuardianRequest request, Population population, TimeProvider time) => population.Change(p =>
        {
            p.Get(id).Guardianships.Add(new DoubleGuardianship(
                request.Guardian, request.Personal, request.Financial, request.Health, request.From ?? time.GetUtcNow().AddDays(-1), null,
                "Statsforvalteren i Oslo og Viken", true));
            return (Results.NoContent(), new[] { (id, "endringIVergemaal") });
        }));

        control.MapDelete("/persons/{id}/guardians/{guardian}", (string id, string guardian, Population population, TimeProvider time) => population.Change(p =>
        {
            var ward = p.Get(id);
            for (var i = 0; i < ward.Guardianships.Count; i++)
            {
                if (ward.Guardianships[i].GuardianId == guardian && ward.Guardianships[i].Current)
                {
                    ward.Guardianships[i] = ward.Guardianships[i] with { Current = false, To = time.GetUtcNow() };
                }
            }

            return (Results.NoContent(), new[] { (id, "endringIVergemaal") });
        }));

        control.MapPost("/persons/{id}/birth-number", (string id, Population population) => population.Change(p =>
        {
            // A D-number replaced by a birth number: the person keeps everything, the old number becomes historic.
            var person = p.Get(id);
            var newId = p.NewNumber(CitizenServices.Domain.Identity.NationalIdentityNumber.Parse(id).BirthDate);
            var replaced = new DoublePerson
            {
                Id = newId,
                GivenName = person.GivenName,
                FamilyName = person.FamilyName,
                Municipality = person.Municipality,
                Residence = person.Residence,
                Protection = person.Protection,
                DeceasedOn = person.DeceasedOn,
            };
            replaced.FormerIds.Add(id);
            replaced.FormerIds.AddRange(person.FormerIds);
            replaced.ResponsibleParents.AddRange(person.ResponsibleParents);
            replaced.Guardianships.AddRange(person.Guardianships);
            p.Replace(id, replaced);
            return (Results.Json(new { id = newId }), new[] { (newId, "endringIIdentifikasjonsnummer") });
        }));

        control.MapPost("/persons/{id}/unreadable", (string id, Unreadable request, Population population) => population.Change(p =>
        {
            p.Get(id).Unreadable = request.Value;
            return (Results.NoContent(), new[] { (id, "endringINavn") });
        }));
    }

    private static IResult ErrorResult(int status, string code, string message) =>
        Results.Json(new { kode = code, melding = message }, statusCode: status);

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { kode = code, melding = message }, context.RequestAborted);
    }

    public sealed record FaultRequest(int Status, int Count = 1, int RetryAfterSeconds = 1, int DelayMilliseconds = 0, string? PathContains = null);

    public sealed record AddressRequest(string Municipality, string AddressCode, string StreetName, int HouseNumber, string? HouseLetter, string? Unit)
    {
        public DoubleAddress ToAddress() => new(Municipality, AddressCode, StreetName, HouseNumber, HouseLetter, Unit);
    }

    public sealed record NewPerson(string GivenName, string FamilyName, DateOnly BirthDate, AddressRequest? Address, bool DNumber = false);

    public sealed record Birth(string GivenName, string? FamilyName, DateOnly BirthDate, string[] Parents);

    public sealed record Death(DateOnly Date);

    public sealed record Protection(string Level);

    public sealed record Responsibility(string[] Parents);

    public sealed record GuardianRequest(string Guardian, bool Personal, bool Financial, bool Health, DateTimeOffset? From);

    public sealed record Unreadable(string Value);

    /// <summary>
    /// Maskinporten's side: checks the client's JWT grant (signed with the registered key, issuer = client id, audience =
    /// Maskinporten, the register's scope, short-lived) and hands out opaque access tokens the API accepts for two minutes.
    /// </summary>
    public sealed class TokenIssuer
    {
        private readonly RegisterDoubleOptions _options;
        private readonly SecurityKey? _clientKey;
        private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
        private readonly TimeProvider _time;

        public TokenIssuer(RegisterDoubleOptions options, TimeProvider time)
        {
            _options = options;
            _time = time;
            if (!string.IsNullOrWhiteSpace(options.ClientJwkFile))
            {
                var path = Path.IsPathRooted(options.ClientJwkFile) ? options.ClientJwkFile : Path.Combine(AppContext.BaseDirectory, options.ClientJwkFile);
                _clientKey = new JsonWebKey(File.ReadAllText(path));
            }
        }

        public string Scope => _options.Scope;

        public async Task<(string? Token, string? Error)> IssueAsync(string assertion)
        {
            if (_clientKey is null)
            {
                return (null, "No client key is registered.");
            }

            var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
            {
                IssuerSigningKey = _clientKey,
                ValidIssuer = _options.ClientId,
                ValidAudience = _options.Audience,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(10),
            });
            if (!result.IsValid)
            {
                return (null, result.Exception?.Message ?? "Invalid grant.");
            }

            var scopes = (result.Claims.TryGetValue("scope", out var scope) ? scope as string : null)?.Split(' ') ?? [];
            if (!scopes.Contains(_options.Scope, StringComparer.Ordinal))
            {
                return (null, $"The client is not granted {_options.Scope}.");
            }

            var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            _tokens[token] = _time.GetUtcNow().AddMinutes(2);
            return (token, null);
        }

        public bool IsValid(string token) => _tokens.TryGetValue(token, out var expires) && expires > _time.GetUtcNow();
    }
}
