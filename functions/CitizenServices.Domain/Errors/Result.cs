namespace CitizenServices.Domain.Errors;

/// <summary>The one result type: a value, or the <see cref="Errors.Error"/> that explains why there is none.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    internal Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    /// <exception cref="InvalidOperationException">The result is an error.</exception>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The result is an error: {Error!.Code}.");

    public static implicit operator Result<T>(Error error) => Result.Fail<T>(error);

    public static implicit operator Result<T>(T value) => Result.Ok(value);

    public TResult Match<TResult>(Func<T, TResult> ok, Func<Error, TResult> error)
    {
        ArgumentNullException.ThrowIfNull(ok);
        ArgumentNullException.ThrowIfNull(error);
        return IsSuccess ? ok(_value!) : error(Error!);
    }
}

public static class Result
{
    public static Result<T> Ok<T>(T value) => new(value, null);

    public static Result<T> Fail<T>(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
