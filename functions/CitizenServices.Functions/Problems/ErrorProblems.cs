namespace CitizenServices.Functions.Problems;

/// <summary>
/// The one mapping from <see cref="Error"/> to an RFC 9457 problem detail: the status from the kind, the type from the
/// code (<c>{ProblemTypes.Base}{code}</c>), the field and code as extensions, and <c>errors</c> listing every field at
/// fault when there are several. Endpoints, the exception handler and the authentication events all answer through it.
/// </summary>
public static class ErrorProblems
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind without a status."),
    };

    public static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => "The request is not valid.",
        ErrorKind.Invalid => "The request breaks a rule.",
        ErrorKind.Forbidden => "You may not do this.",
        ErrorKind.NotFound => "Not found.",
        ErrorKind.Conflict => "The request clashes with what is stored.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind without a title."),
    };

    public static ProblemDetails ToProblemDetails(this Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = new ProblemDetails
        {
            Status = StatusOf(error.Kind),
            Type = ProblemTypes.Base + error.Code,
            Title = TitleOf(error.Kind),
            Detail = error.Detail,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["field"] = error.Field;
        }

        if (error.Errors.Count > 0)
        {
            problem.Extensions["errors"] = error.Errors.Select(e => new ProblemFieldError(e.Field, e.Code, e.Detail)).ToList();
        }

        return problem;
    }

    public static ProblemHttpResult ToProblem(this Error error) => TypedResults.Problem(error.ToProblemDetails());

    /// <summary>A request that cannot be read: 400 <c>invalid-request</c> naming the field.</summary>
    public static ProblemHttpResult BadRequest(string field, string detail) => Error.BadRequest(field, detail).ToProblem();

    /// <summary>The ordinary refusal, the same the policy enforcement point gives, so it reveals nothing about the subject.</summary>
    public static ProblemHttpResult Forbidden() => Error.Forbidden("You may not act for this person in this matter.").ToProblem();

    /// <summary>Reads a required national identity number; the problem when it is missing or not valid.</summary>
    public static ProblemHttpResult? ReadNumber(string? raw, string field, out NationalIdentityNumber number)
    {
        if (raw is null)
        {
            number = default;
            return BadRequest(field, "An 11-digit national identity number is required.");
        }

        return NationalIdentityNumber.TryParse(raw, out number, out var error) ? null : BadRequest(field, error ?? "Not a valid national identity number.");
    }
}

/// <summary>One entry of a problem's <c>errors</c>.</summary>
public sealed record ProblemFieldError(string Field, string Code, string Detail);
