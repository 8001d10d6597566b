namespace CitizenServices.Application.AccessLog;

/// <summary>
/// The stored log is damaged in a way that makes a safe append impossible (its head is missing or unreadable while
/// entries exist). Appends are refused rather than silently rebuilding the head, which would hide the removal of the
/// newest entries. An operator must verify and repair the log; see the access log README in Infrastructure.
/// </summary>
public sealed class AccessLogIntegrityException : Exception
{
    public AccessLogIntegrityException()
        : this("The access log is damaged; appends are refused until it is repaired.")
    {
    }

    public AccessLogIntegrityException(string message)
        : base(message)
    {
    }

    public AccessLogIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
