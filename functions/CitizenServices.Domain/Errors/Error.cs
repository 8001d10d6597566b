namespace CitizenServices.Domain.Errors;

/// <summary>What kind of refusal an <see cref="Error"/> is; the one problem mapper turns each into its HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The request cannot be read: a wrong type, a missing or malformed field (400).</summary>
    BadRequest,

    /// <summary>The request can be read but breaks a rule (422).</summary>
    Invalid,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,

    /// <summary>No such thing for this caller (404); also what a caller gets who may not know it exists.</summary>
    NotFound,

    /// <summary>The request clashes with what is stored: taken, already done differently, changed at the same time (409).</summary>
    Conflict,
}

/// <summary>One field at fault, with its own stable code and a reason for people.</summary>
/// <param name="Field">The field as the client wrote it: a JSON path such as <c>openingHours[1].closes</c>, a query or header name.</param>
public sealed record FieldError(string Code, string Field, string Detail);

/// <summary>
/// The one error type of every use case and every edge. <see cref="Code"/> is stable and becomes the problem type's last
/// segment (<c>https://citizen-services.helsenorge.no/problems/{code}</c>), so clients branch on it; <see cref="Field"/>
/// names what to fix; <see cref="Detail"/> says why in words, never with a value the client did not send or a .NET type
/// name. <see cref="Errors"/> lists every field at fault when there are several, so all can be fixed at once.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "A C#-only code base; Error reads best at every call site.")]
public sealed record Error(ErrorKind Kind, string Code, string? Field, string Detail)
{
    /// <summary>The code of a request that cannot be read (400).</summary>
    public const string InvalidRequestCode = "invalid-request";

    public const string ForbiddenCode = "forbidden";

    public const string NotFoundCode = "not-found";

    public const string ConcurrentChangeCode = "concurrent-change";

    /// <summary>Every field at fault, the first one being <see cref="Field"/>; empty when only one field (or none) is.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>A request that cannot be read: 400 <c>invalid-request</c> naming the field.</summary>
    public static Error BadRequest(string field, string detail) => new(ErrorKind.BadRequest, InvalidRequestCode, field, detail);

    /// <summary>A request that breaks the rule <paramref name="code"/>: 422.</summary>
    public static Error Invalid(string code, string? field, string detail) => new(ErrorKind.Invalid, code, field, detail);

    /// <summary>A request that breaks several rules: 422 typed by the first, listing all.</summary>
    public static Error Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one field error is needed.", nameof(errors));
        }

        var first = errors[0];
        return new Error(ErrorKind.Invalid, first.Code, first.Field, first.Detail) { Errors = errors };
    }

    public static Error Conflict(string code, string? field, string detail) => new(ErrorKind.Conflict, code, field, detail);

    public static Error NotFound(string code, string? field, string detail) => new(ErrorKind.NotFound, code, field, detail);

    /// <summary>The ordinary refusal, the same the policy enforcement point gives, so it reveals nothing about the subject.</summary>
    public static Error Forbidden(string detail) => new(ErrorKind.Forbidden, ForbiddenCode, null, detail);

    /// <summary>A refusal with its own reason code, for a rule the caller can act on (e.g. <c>nettlege-not-available</c>).</summary>
    public static Error Forbidden(string code, string? field, string detail) => new(ErrorKind.Forbidden, code, field, detail);

    /// <summary>Others changed the same thing at the same time and retries did not win: 409, try again.</summary>
    public static Error ConcurrentChange(string detail) => new(ErrorKind.Conflict, ConcurrentChangeCode, null, detail);
}
