using CitizenServices.Domain.Booking;
using CitizenServices.Functions.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.Booking;

/// <summary>
/// Problems of the booking endpoints: each rule has a stable type <c>{ProblemTypes.Base}{code}</c> (e.g.
/// <c>.../problems/slot-taken</c>) and names the field at fault; a refusal is the ordinary <c>forbidden</c> unless it
/// names its own reason (<c>nettlege-not-available</c>).
/// </summary>
internal static class BookingProblems
{
    public static ProblemHttpResult ToProblem(this BookingError error) => TypedResults.Problem(
        statusCode: error.Kind switch
        {
            BookingErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
            BookingErrorKind.Conflict => StatusCodes.Status409Conflict,
            BookingErrorKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status403Forbidden,
        },
        type: ProblemTypes.Base + error.Code,
        title: error.Kind switch
        {
            BookingErrorKind.Invalid => "The request breaks a booking rule.",
            BookingErrorKind.Conflict => "The request clashes with what is booked.",
            BookingErrorKind.NotFound => "Not found.",
            _ => "You may not do this.",
        },
        detail: error.Detail,
        extensions: new Dictionary<string, object?> { ["field"] = error.Field, ["code"] = error.Code });
}
