namespace CitizenServices.Domain.Fullmakt;

public enum FullmaktErrorKind
{
    /// <summary>The request breaks a rule (422).</summary>
    Invalid,

    /// <summary>The request is valid but clashes with what is stored (409).</summary>
    Conflict,

    /// <summary>No such fullmakt for this caller (404): also what a non-party gets, so ids reveal nothing.</summary>
    NotFound,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
}

/// <summary>A typed error of a fullmakt use case: a stable <see cref="Code"/>, the request <see cref="Field"/> at fault and a reason.</summary>
public sealed record FullmaktError(FullmaktErrorKind Kind, string Code, string? Field, string Detail)
{
    public static FullmaktError Invalid(string code, string field, string detail) => new(FullmaktErrorKind.Invalid, code, field, detail);

    public static FullmaktError Conflict(string code, string? field, string detail) => new(FullmaktErrorKind.Conflict, code, field, detail);
}

/// <summary>A value or a typed error.</summary>
public sealed class FullmaktResult<T>
{
    private readonly T? _value;

    internal FullmaktResult(T? value, FullmaktError? error)
    {
        _value = value;
        Error = error;
    }

    public FullmaktError? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The result is an error: {Error!.Code}.");

    public static implicit operator FullmaktResult<T>(FullmaktError error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public TResult Match<TResult>(Func<T, TResult> ok, Func<FullmaktError, TResult> error)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(error);
        return IsSuccess ? ok(_value!) : error(Error!);
    }
}

public static class FullmaktResult
{
    public static FullmaktResult<T> Ok<T>(T value) => new(value, null);

    public static FullmaktResult<T> Fail<T>(FullmaktError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
