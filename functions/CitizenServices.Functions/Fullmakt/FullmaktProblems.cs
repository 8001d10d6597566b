using CitizenServices.Domain.Fullmakt;
using CitizenServices.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.Fullmakt;

/// <summary>
/// Problem types of the fullmakt endpoints: each rule the request can break has its own stable type URI,
/// <c>{ProblemTypes.Base}{code}</c> (e.g. <c>.../problems/giver-too-young</c>), and names the field at fault.
/// </summary>
public static class FullmaktProblemTypes
{
    public const string GiverTooYoung = ProblemTypes.Base + "giver-too-young";
    public const string GiverNotEligible = ProblemTypes.Base + "giver-not-eligible";
    public const string GiverLacksCapacity = ProblemTypes.Base + "giver-lacks-capacity";
    public const string RepresentativeTooYoung = ProblemTypes.Base + "representative-too-young";
    public const string RepresentativeNotEligible = ProblemTypes.Base + "representative-not-eligible";
    public const string RepresentativeIsGiver = ProblemTypes.Base + "representative-is-giver";
    public const string ServiceAreasRequired = ProblemTypes.Base + "service-areas-required";
    public const string UnknownServiceArea = ProblemTypes.Base + "unknown-service-area";
    public const string EndDateNotAfterStart = ProblemTypes.Base + "end-date-not-after-start";
    public const string EndDateRequired = ProblemTypes.Base + "end-date-required";
    public const string StartDateInPast = ProblemTypes.Base + "start-date-in-past";
    public const string PeriodTooLong = ProblemTypes.Base + "period-too-long";
    public const string CertificateReferenceRequired = ProblemTypes.Base + "certificate-reference-required";
    public const string FullmaktAlreadyGiven = ProblemTypes.Base + "fullmakt-already-given";
    public const string CapacityPeriodOverlaps = ProblemTypes.Base + "capacity-period-overlaps";
    public const string IdempotencyKeyReused = ProblemTypes.Base + "idempotency-key-reused";
    public const string ConcurrentChange = ProblemTypes.Base + "concurrent-change";

    public static string For(FullmaktError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            FullmaktErrorKind.NotFound => ProblemTypes.NotFound,
            FullmaktErrorKind.Forbidden => ProblemTypes.Forbidden,
            _ => ProblemTypes.Base + error.Code,
        };
    }
}

internal static class FullmaktProblems
{
    public static ProblemHttpResult ToProblem(this FullmaktError error) => TypedResults.Problem(
        statusCode: error.Kind switch
        {
            FullmaktErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
            FullmaktErrorKind.Conflict => StatusCodes.Status409Conflict,
            FullmaktErrorKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status403Forbidden,
        },
        type: FullmaktProblemTypes.For(error),
        title: error.Kind switch
        {
            FullmaktErrorKind.Invalid => "The fullmakt breaks a rule.",
            FullmaktErrorKind.Conflict => "The fullmakt clashes with what is registered.",
            FullmaktErrorKind.NotFound => "No such fullmakt.",
            _ => "You may not do this.",
        },
        detail: error.Detail,
        extensions: new Dictionary<string, object?> { ["field"] = error.Field, ["code"] = error.Code });

    /// <summary>A request the endpoint cannot even read (a malformed number or date): 400 naming the field.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) => RequestProblems.Invalid(field, detail);

    /// <summary>The same refusal the policy enforcement point gives, so the answer reveals nothing about the subject.</summary>
    public static ProblemHttpResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        type: ProblemTypes.Forbidden,
        title: "You may not do this.",
        detail: "You may not act for this person in this matter.");
}
