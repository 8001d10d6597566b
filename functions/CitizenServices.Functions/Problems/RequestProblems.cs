using CitizenServices.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.Problems;

/// <summary>The 400 problems of a request an endpoint reads itself, each naming the field at fault.</summary>
public static class RequestProblems
{
    /// <summary>A malformed or missing part of the request: 400 <c>invalid-request</c> naming the field.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: ProblemTypes.InvalidRequest,
        title: "The request is not valid.",
        detail: $"{field}: {detail}",
        extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>Reads a required national identity number; the problem when it is missing or not valid.</summary>
    public static ProblemHttpResult? ReadNumber(string? raw, string field, out NationalIdentityNumber number)
    {
        if (raw is null)
        {
            number = default;
            return Invalid(field, "An 11-digit national identity number is required.");
        }

        return NationalIdentityNumber.TryParse(raw, out number, out var error) ? null : Invalid(field, error ?? "Not a valid national identity number.");
    }
}
