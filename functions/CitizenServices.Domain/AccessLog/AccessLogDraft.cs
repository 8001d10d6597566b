namespace CitizenServices.Domain.AccessLog;

/// <summary>Channels known to this service; any well-formed code is accepted.</summary>
public static class AccessLogChannels
{
    public const string HelsenorgeWeb = "helsenorge-web";
    public const string CaseSystem = "case-system";
    public const string SectorSystem = "sector-system";
}

/// <summary>
/// Everything the caller knows about an access; the log adds the principal, sequence, time and hashes when it
/// appends, so a caller can neither choose its place in the chain nor backdate an entry.
/// </summary>
public sealed record AccessLogDraft
{
    public const int MaxCorrelationIdLength = 128;

    public AccessLogDraft(
        AccessLogActor actor, AccessLogBasis basis, AccessLogAction action, AccessLogResource resource, string correlationId,
        string channel)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(resource);
        Actor = actor;
        Basis = basis;
        Action = action;
        Resource = resource;
        CorrelationId = AccessLogText.Required(correlationId, nameof(correlationId), MaxCorrelationIdLength);
        Channel = AccessLogText.Code(channel, nameof(channel));
    }

    public AccessLogActor Actor { get; }

    public AccessLogBasis Basis { get; }

    public AccessLogAction Action { get; }

    public AccessLogResource Resource { get; }

    /// <summary>The request's correlation id (W3C trace id or the caller's), to find the matching telemetry.</summary>
    public string CorrelationId { get; }

    public string Channel { get; }
}
