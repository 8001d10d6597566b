namespace CitizenServices.Functions.Problems;

/// <summary>
/// Stable problem type URIs (RFC 9457 <c>type</c>). Clients branch on these, never on <c>title</c> or
/// <c>detail</c>, so a URI once published is never renamed.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://citizen-services.helsenorge.no/problems/";

    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string InsufficientAssurance = Base + "insufficient-assurance";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string InvalidRequest = Base + "invalid-request";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string ServiceUnavailable = Base + "service-unavailable";
    public const string InternalError = Base + "internal-error";

    /// <summary>The problem type for a status code that has no more specific type.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => InternalError,
        _ => Base + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
