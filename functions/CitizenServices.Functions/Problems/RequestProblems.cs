using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.Problems;

/// <summary>Problems for requests an endpoint cannot even read.</summary>
public static class RequestProblems
{
    /// <summary>A malformed or missing part of the request: 400 <c>invalid-request</c> naming the field.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: ProblemTypes.InvalidRequest,
        title: "The request is not valid.",
        detail: $"{field}: {detail}",
        extensions: new Dictionary<string, object?> { ["field"] = field });
}
