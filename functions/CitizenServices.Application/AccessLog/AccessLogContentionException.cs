namespace CitizenServices.Application.AccessLog;

/// <summary>
/// An append lost every attempt to concurrent appends for the same principal. Nothing was written. This is an
/// infrastructure fault (map it to 503 with Retry-After), not a client error.
/// </summary>
public sealed class AccessLogContentionException : Exception
{
    public AccessLogContentionException()
        : this("An access log entry could not be appended because of concurrent appends.")
    {
    }

    public AccessLogContentionException(string message)
        : base(message)
    {
    }

    public AccessLogContentionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public AccessLogContentionException(NationalIdentityNumber principal, int attempts)
        // ToString is the masked number: exception messages end up in logs.
        : base(string.Create(CultureInfo.InvariantCulture,
            $"An access log entry for {principal} could not be appended: {attempts} attempts lost to concurrent appends."))
    {
        Attempts = attempts;
    }

    public int Attempts { get; }
}
