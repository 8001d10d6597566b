namespace CitizenServices.Domain.AccessLog;

public enum AccessLogAccessKind
{
    Read,
    Write,
}

/// <summary>What was done: a read or a write, and the operation (e.g. <c>appointments.book</c>).</summary>
public sealed record AccessLogAction
{
    public const int MaxOperationLength = 128;

    public AccessLogAction(AccessLogAccessKind kind, string operation)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown access kind.");
        }

        Kind = kind;
        Operation = AccessLogText.Required(operation, nameof(operation), MaxOperationLength);
    }

    public AccessLogAccessKind Kind { get; }

    public string Operation { get; }

    public static AccessLogAction Read(string operation) => new(AccessLogAccessKind.Read, operation);

    public static AccessLogAction Write(string operation) => new(AccessLogAccessKind.Write, operation);
}
