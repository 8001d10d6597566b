namespace CitizenServices.Application.AccessLog;

/// <summary>A page of the log, or the typed error explaining why the request cannot be served.</summary>
public sealed class AccessLogReadResult
{
    private readonly AccessLogPage? _page;
    private readonly AccessLogReadError? _error;

    private AccessLogReadResult(AccessLogPage? page, AccessLogReadError? error)
    {
        _page = page;
        _error = error;
    }

    public bool IsSuccess => _page is not null;

    /// <exception cref="InvalidOperationException">The result is an error.</exception>
    public AccessLogPage Page => _page ?? throw new InvalidOperationException($"The read failed: {_error!.Code}.");

    /// <exception cref="InvalidOperationException">The result is a page.</exception>
    public AccessLogReadError Error => _error ?? throw new InvalidOperationException("The read succeeded; there is no error.");

    public static AccessLogReadResult Success(AccessLogPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new AccessLogReadResult(page, null);
    }

    public static AccessLogReadResult Failure(AccessLogReadError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new AccessLogReadResult(null, error);
    }

    public T Match<T>(Func<AccessLogPage, T> success, Func<AccessLogReadError, T> failure)
    {
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        return _page is not null ? success(_page) : failure(_error!);
    }
}
