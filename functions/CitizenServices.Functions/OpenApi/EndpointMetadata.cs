namespace CitizenServices.Functions.OpenApi;

/// <summary>
/// The metadata endpoints declare alike, one call each instead of a chain: the problem answers an endpoint or a group
/// gives beyond the ones the document adds by itself (400 where there is input, 401 and 403 where a token is needed,
/// 500), and the JSON body an endpoint accepts with its example.
/// </summary>
public static class EndpointMetadata
{
    private static readonly string[] ProblemContentTypes = ["application/problem+json"];

    /// <summary>What <c>ProducesProblem</c> declares, for each of <paramref name="statuses"/>.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params ReadOnlySpan<int> statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemContentTypes));
        }

        return builder;
    }

    /// <summary>The JSON body the endpoint accepts, and the example the document shows for it.</summary>
    public static RouteHandlerBuilder AcceptsJson<TBody>(this RouteHandlerBuilder builder, TBody example)
        where TBody : notnull =>
        builder.Accepts<TBody>("application/json").WithExamples(request: example);
}
