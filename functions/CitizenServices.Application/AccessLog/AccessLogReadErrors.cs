namespace CitizenServices.Application.AccessLog;

/// <summary>The client errors of reading the log, each naming the offending request parameter.</summary>
public static class AccessLogReadErrors
{
    public static Error InvalidPageSize(int pageSize) => Error.BadRequest(
        "pageSize",
        string.Create(CultureInfo.InvariantCulture,
            $"The page size must be between {AccessLogPaging.MinPageSize} and {AccessLogPaging.MaxPageSize}; it was {pageSize}."));

    // The token is not echoed: it is client input of arbitrary size and content.
    public static Error InvalidContinuationToken() => Error.BadRequest(
        "continuationToken",
        "The continuation token is not one this service issued. Pass the token from the previous page unchanged, or none for the first page.");
}
