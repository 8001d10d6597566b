using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CitizenServices.Functions.Fhir;

/// <summary>
/// FHIR R4 views of JSON endpoints. An endpoint opts in with <see cref="WithFhirView{TView}"/>; a request with
/// <c>Accept: application/fhir+json</c> then gets the endpoint's own answer mapped to FHIR, through the same enforcement
/// point, the same handler and the same access log. Any other Accept keeps the JSON view.
/// </summary>
public static class FhirContent
{
    public const string MediaType = "application/fhir+json";

    /// <summary>The identifier system of the Norwegian national identity number (fødselsnummer).</summary>
    public const string NationalIdentityNumberSystem = "urn:oid:2.16.578.1.12.4.1.4.1";

    /// <summary>Code systems of this service (representation basis kinds, scopes, legal bases, operations).</summary>
    public const string CodeSystemBase = "https://citizen-services.helsenorge.no/fhir/CodeSystem/";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static bool IsRequested(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Json);

    /// <summary>Answers with <paramref name="map"/> of the endpoint's 200 view when the caller asks for FHIR.</summary>
    public static RouteHandlerBuilder WithFhirView<TView>(this RouteHandlerBuilder builder, Func<TView, HttpContext, Resource> map, string description)
    {
        builder.WithMetadata(new FhirViewMetadata(description));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (!IsRequested(context.HttpContext.Request))
            {
                return result;
            }

            // A handler returning Results<Ok<T>, ...> hands back the union; the answer is inside it.
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            var view = answer switch
            {
                IValueHttpResult { Value: TView value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } => value,
                _ => default,
            };
            return view is null ? result : Results.Text(Serialize(map(view, context.HttpContext)), MediaType, statusCode: StatusCodes.Status200OK);
        });
        return builder;
    }

    public static Coding Code(string codeSystem, string code, string? display = null) => new(CodeSystemBase + codeSystem, code, display);

    public static Identifier NationalIdentityNumber(string value) => new(NationalIdentityNumberSystem, value);

    /// <summary>A searchset bundle of the resources, each under a urn:uuid full URL derived from its id (stable across calls).</summary>
    public static Bundle Searchset(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = UrnOf(resource), Resource = resource });
        }

        bundle.Total = bundle.Entry.Count;
        return bundle;
    }

    public static string UrnOf(Resource resource) => "urn:uuid:" + StableGuid(resource.TypeName + "/" + resource.Id).ToString("D");

    /// <summary>A FHIR id (<c>[A-Za-z0-9\-.]{1,64}</c>) that is the same for the same input.</summary>
    public static string IdOf(string text) => StableGuid(text).ToString("N");

    private static Guid StableGuid(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }
}

/// <summary>Marks an endpoint that also answers in FHIR; the OpenAPI document lists the media type.</summary>
public sealed record FhirViewMetadata(string Description);
