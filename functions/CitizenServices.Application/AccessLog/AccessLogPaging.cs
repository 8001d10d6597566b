namespace CitizenServices.Application.AccessLog;

public static class AccessLogPaging
{
    public const int MinPageSize = 1;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The error for <paramref name="pageSize"/>, or null when it is allowed.</summary>
    public static Error? Validate(int pageSize) =>
        pageSize is < MinPageSize or > MaxPageSize ? AccessLogReadErrors.InvalidPageSize(pageSize) : null;
}
