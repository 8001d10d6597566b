using Microsoft.OpenApi;

namespace CitizenServices.Functions.OpenApi;

/// <summary>
/// The OpenAPI document (committed as contracts/openapi.json; a test fails when the running app's differs). Every
/// operation says who may call it (<c>x-access</c>: the citizen scope it touches, or the workforce role), carries its
/// problem responses as <c>application/problem+json</c>, and has examples: the endpoint's own
/// (<see cref="OpenApiExampleExtensions.WithExamples{TBuilder}"/>) or, where it gives none, one built from the schema.
/// </summary>
public static class OpenApiSetup
{
    /// <summary>The contract's version; bump it with a line in contracts/CHANGELOG.md.</summary>
    public const string ContractVersion = "2.2.0";

    private const string Citizen = "citizen";
    private const string Workforce = "workforce";

    public static IServiceCollection AddCitizenServicesOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(RequestSchemaTransformer.TransformAsync);
            options.AddOperationTransformer(DeclareRouteParameters);
            options.AddOperationTransformer(DescribeAccessAndProblems);
            options.AddOperationTransformer(AddDeclaredExamples);
            options.AddOperationTransformer(AddFhirMediaType);
            options.AddDocumentTransformer(DescribeDocument);
        });

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Helsenorge Citizen Services API",
            Version = ContractVersion,
            Description = "Representation, fullmakt, guardianship, foster care, consent, appointment booking and nettlege for citizens, "
                + "caseworkers, municipality administrators and sector systems. Errors are RFC 9457 problem details; "
                + "`x-access` on each operation names the citizen scope or workforce role it requires.",
        };

        // The base address differs per environment; the contract must not carry the address of whoever generated it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The environment's own address." }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Citizen] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "An ID-porten access token for the citizen (claim pid), at the assurance level the operation needs.",
            },
            [Workforce] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A Microsoft Entra ID token with the operation's app role (and a municipality claim where required).",
            },
        };

        var operations = (document.Paths ?? []).Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []);
        foreach (var operation in operations)
        {
            operation.Description ??= operation.Summary;
            var bodies = (IEnumerable<OpenApiMediaType>?)operation.RequestBody?.Content?.Values ?? [];
            var responses = (operation.Responses ?? []).Values.SelectMany(r => (IEnumerable<OpenApiMediaType>?)r.Content?.Values ?? []);
            foreach (var media in bodies.Concat(responses))
            {
                media.Example ??= SchemaExample.For(media.Schema);
            }

            if (operation.Extensions?.TryGetValue("x-access", out var access) == true && access is JsonNodeExtension { Node: JsonObject a } && a.ContainsKey("public"))
            {
                // Explicitly anonymous, rather than silent about it.
                operation.Security = [];
            }
            else if (operation.Metadata?.TryGetValue(Citizen, out _) == true || operation.Metadata?.TryGetValue(Workforce, out _) == true)
            {
                var scheme = operation.Metadata.ContainsKey(Citizen) ? Citizen : Workforce;
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
                operation.Metadata.Remove(scheme);
            }
        }

        return Task.CompletedTask;
    }

    private static Task DescribeAccessAndProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        var scope = metadata.OfType<SubjectScopeMetadata>().LastOrDefault();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0;

        var access = new JsonObject();
        if (anonymous)
        {
            access["public"] = true;
        }
        else if (policies.Contains(Policies.Citizen))
        {
            access["citizen"] = true;
            if (scope is not null)
            {
                access["scope"] = scope.Scope.Value;
                access["operation"] = scope.Operation;
            }
        }
        else
        {
            access["roles"] = new JsonArray(policies.Select(p => (JsonNode)JsonValue.Create(p)).ToArray());
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-access"] = new JsonNodeExtension(access);

        // The scheme is attached by the document transformer, which has the document to reference it in.
        if (!anonymous)
        {
            operation.Metadata ??= new Dictionary<string, object>();
            operation.Metadata[policies.Contains(Policies.Citizen) ? Citizen : Workforce] = true;
        }

        operation.Responses ??= new OpenApiResponses();
        var statuses = new List<int>();
        if (!anonymous)
        {
            statuses.AddRange([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
        }

        if (context.Description.ParameterDescriptions.Count > 0 || operation.RequestBody is not null)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        statuses.Add(StatusCodes.Status500InternalServerError);
        foreach (var status in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = Reason(status) };
            }
        }

        // Every error answer is a problem: one media type, the problem schema, an example with the type URI.
        foreach (var (key, response) in operation.Responses.Where(r => r.Key.Length == 3 && r.Key[0] is '4' or '5').ToList())
        {
            var status = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            if (response is OpenApiResponse concrete)
            {
                concrete.Description = string.IsNullOrEmpty(concrete.Description) ? Reason(status) : concrete.Description;
                concrete.Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference("ProblemDetails", context.Document),
                        Example = ProblemExample(status, context.Description.RelativePath),
                    },
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Declares every path parameter the route has, also those the endpoint does not bind itself: <c>{subject}</c> is read
    /// by the policy enforcement point, not the handler, yet a client must send it.
    /// </summary>
    private static Task DeclareRouteParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = context.Description.RelativePath ?? string.Empty;
        operation.Parameters ??= [];
        foreach (var segment in path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')))
        {
            var name = segment[1..^1].Split(':')[0];
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = name == SubjectScopeExtensions.SubjectRouteValue
                    ? "The person the request is about: an 11-digit national identity number, or me for the caller."
                    : null,
                Schema = name == SubjectScopeExtensions.SubjectRouteValue
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(me|[0-9]{11})$" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }

    private static Task AddDeclaredExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExampleMetadata>().LastOrDefault() is not { } examples)
        {
            return Task.CompletedTask;
        }

        var json = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (examples.Request is not null && operation.RequestBody?.Content is { } request)
        {
            foreach (var media in request.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(examples.Request, examples.Request.GetType(), json);
            }
        }

        if (examples.Response is not null)
        {
            foreach (var media in (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value.Content?.Values ?? []))
            {
                media.Example = JsonSerializer.SerializeToNode(examples.Response, examples.Response.GetType(), json);
            }
        }

        return Task.CompletedTask;
    }

    private static Task AddFhirMediaType(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Fhir.FhirViewMetadata>().LastOrDefault() is { } fhir
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[Fhir.FhirContent.MediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "FHIR R4 (ask with Accept: application/fhir+json). " + fhir.Description },
                Example = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = 0, ["entry"] = new JsonArray() },
            };
        }

        return Task.CompletedTask;
    }

    private static JsonObject ProblemExample(int status, string? path)
    {
        var problem = new JsonObject
        {
            ["type"] = ProblemTypes.ForStatus(status),
            ["title"] = Reason(status),
            ["status"] = status,
            ["detail"] = status == StatusCodes.Status400BadRequest ? "Not a valid national identity number." : null,
            ["instance"] = "/" + (path ?? string.Empty).Replace("{subject}", "me", StringComparison.Ordinal),
            ["correlationId"] = "0af7651916cd43dd8448eb211c80319c",
        };
        if (status == StatusCodes.Status400BadRequest)
        {
            problem["code"] = "invalid-request";
            problem["field"] = "subject";
        }

        return problem;
    }

    private static string Reason(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid; the problem names the field.",
        StatusCodes.Status401Unauthorized => "No valid token.",
        StatusCodes.Status403Forbidden => "The caller may not do this for this subject.",
        StatusCodes.Status404NotFound => "Not found, or not visible to the caller.",
        StatusCodes.Status409Conflict => "Conflicts with the current state.",
        StatusCodes.Status422UnprocessableEntity => "Breaks a rule; the problem type names it.",
        StatusCodes.Status503ServiceUnavailable => "A dependency is unavailable.",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}

/// <summary>Examples an endpoint declares for its request and success response, shown in the OpenAPI document.</summary>
public sealed record OpenApiExampleMetadata(object? Request, object? Response);

public static class OpenApiExampleExtensions
{
    /// <summary>Declares the request and/or success-response example of the endpoint, serialized as the API serializes.</summary>
    public static TBuilder WithExamples<TBuilder>(this TBuilder builder, object? request = null, object? response = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OpenApiExampleMetadata(request, response));
}
