namespace CitizenServices.Functions.Invocation;

/// <summary>
/// The host sent an invocation payload this handler cannot read. <see cref="Path"/> is a JSON pointer
/// (RFC 6901) to the offending field, e.g. <c>/Data/message</c> or <c>/Metadata/DeliveryCount</c>;
/// the empty string means the whole body.
/// </summary>
/// <remarks>
/// This is the only exception the invocation reader throws for bad input, so the endpoint layer can turn
/// every payload fault into a 400 problem detail instead of a 500.
/// </remarks>
public sealed class InvalidInvocationPayloadException : Exception
{
    public InvalidInvocationPayloadException()
        : this(string.Empty, "The invocation payload is invalid.")
    {
    }

    public InvalidInvocationPayloadException(string message)
        : this(string.Empty, message)
    {
    }

    public InvalidInvocationPayloadException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public InvalidInvocationPayloadException(
        string path,
        string message,
        Exception? innerException = null,
        int statusCode = StatusCodes.Status400BadRequest)
        : base(message, innerException)
    {
        Path = path;
        StatusCode = statusCode;
    }

    /// <summary>JSON pointer to the offending field; empty for the whole body.</summary>
    public string Path { get; }

    /// <summary>400 for malformed input, 413 when the body exceeds the configured limit.</summary>
    public int StatusCode { get; }
}
