using CitizenServices.Functions.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CitizenServices.IntegrationTests.Identity;

/// <summary>The app's endpoints as discovered from its metadata, so tests cover new endpoints without a hand-kept list.</summary>
internal static class EndpointCatalog
{
    public static IReadOnlyList<ApiEndpoint> All(CitizenServicesFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Select(e => new ApiEndpoint(e))
            .ToList();

    public static IEnumerable<ApiEndpoint> SubjectScoped(CitizenServicesFactory factory) =>
        All(factory).Where(e => e.IsSubjectScoped);

    public static IEnumerable<ApiEndpoint> CitizenEndpoints(CitizenServicesFactory factory) =>
        All(factory).Where(e => e.Policies.Contains(Functions.Authentication.Policies.Citizen));
}

internal sealed record ApiEndpoint(RouteEndpoint Endpoint)
{
    public bool IsSubjectScoped => Endpoint.RoutePattern.GetParameter(SubjectScopeExtensions.SubjectRouteValue) is not null;

    public SubjectScopeMetadata? Scope => Endpoint.Metadata.GetMetadata<SubjectScopeMetadata>();

    public IReadOnlyList<string> Policies =>
        Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? string.Empty).ToList();

    public IReadOnlyList<string> Methods => Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET"];

    public override string ToString() => $"{string.Join('|', Methods)} {Endpoint.RoutePattern.RawText}";

    /// <summary>A concrete path with the given subject and placeholder values for other parameters.</summary>
    public Uri SamplePath(string subject)
    {
        var segments = Endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: SubjectScopeExtensions.SubjectRouteValue } => subject,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
            RoutePatternParameterPart => "x1",
            _ => string.Empty,
        })));
        return new Uri("/" + string.Join('/', segments), UriKind.Relative);
    }
}
