namespace CitizenServices.Domain.Booking;

public enum BookingErrorKind
{
    /// <summary>The request breaks a rule (422).</summary>
    Invalid,

    /// <summary>The request clashes with what is stored: the slot is taken, a limit is reached (409).</summary>
    Conflict,

    /// <summary>No such schedule, slot, hold or appointment for this subject (404).</summary>
    NotFound,

    /// <summary>The caller may not do this for the subject (403).</summary>
    Forbidden,
}

/// <summary>A typed error of a booking use case: a stable <see cref="Code"/>, the request <see cref="Field"/> at fault and a reason.</summary>
public sealed record BookingError(BookingErrorKind Kind, string Code, string? Field, string Detail)
{
    public static BookingError Invalid(string code, string? field, string detail) => new(BookingErrorKind.Invalid, code, field, detail);

    public static BookingError Conflict(string code, string? field, string detail) => new(BookingErrorKind.Conflict, code, field, detail);

    public static BookingError NotFound(string code, string? field, string detail) => new(BookingErrorKind.NotFound, code, field, detail);

    public static BookingError Forbidden(string detail) => new(BookingErrorKind.Forbidden, "forbidden", null, detail);

    /// <summary>A refusal with its own reason code, for a rule the caller can act on (e.g. <c>nettlege-not-available</c>).</summary>
    public static BookingError Forbidden(string code, string detail) => new(BookingErrorKind.Forbidden, code, null, detail);

    public static BookingError SlotTaken(string field) =>
        Conflict("slot-taken", field, "This slot has just been booked or held by someone else; pick another.");

    public static BookingError ConcurrentChange() =>
        Conflict("concurrent-change", null, "This person's appointments were changed by another request at the same time; try again.");
}

/// <summary>A value or a typed error.</summary>
public sealed class BookingResult<T>
{
    private readonly T? _value;

    internal BookingResult(T? value, BookingError? error)
    {
        _value = value;
        Error = error;
    }

    public BookingError? Error { get; }

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"The result is an error: {Error.Code}.");

    public static implicit operator BookingResult<T>(BookingError error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public TResult Match<TResult>(Func<T, TResult> ok, Func<BookingError, TResult> error)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(error);
        return Error is null ? ok(_value!) : error(Error);
    }
}

public static class BookingResult
{
    public static BookingResult<T> Ok<T>(T value) => new(value, null);
}
