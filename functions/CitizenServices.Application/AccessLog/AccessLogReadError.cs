using System.Globalization;

namespace CitizenServices.Application.AccessLog;

public enum AccessLogReadErrorCode
{
    InvalidPageSize,
    InvalidContinuationToken,
}

/// <summary>A client error when reading the log; <see cref="Field"/> names the offending request parameter.</summary>
public sealed record AccessLogReadError(AccessLogReadErrorCode Code, string Field, string Detail)
{
    public static AccessLogReadError InvalidPageSize(int pageSize) => new(
        AccessLogReadErrorCode.InvalidPageSize, "pageSize",
        string.Create(CultureInfo.InvariantCulture,
            $"The page size must be between {AccessLogPaging.MinPageSize} and {AccessLogPaging.MaxPageSize}; it was {pageSize}."));

    // The token is not echoed: it is client input of arbitrary size and content.
    public static AccessLogReadError InvalidContinuationToken() => new(
        AccessLogReadErrorCode.InvalidContinuationToken, "continuationToken",
        "The continuation token is not one this service issued. Pass the token from the previous page unchanged, or none for the first page.");
}
