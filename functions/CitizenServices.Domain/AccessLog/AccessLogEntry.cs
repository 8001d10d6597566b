namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// One access to a principal's data, linked into the principal's hash chain. Build new entries with
/// <see cref="AccessLogChain.Next"/>; the constructor is for entries read back from storage, which may have been
/// tampered with, so it does not check the hashes (that is <see cref="AccessLogVerifier"/>'s job).
/// </summary>
public sealed record AccessLogEntry
{
    /// <summary>The person whose data was accessed and whose log this is.</summary>
    public required NationalIdentityNumber Principal { get; init; }

    /// <summary>1, 2, 3, ... per principal, without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>Which canonical serialization <see cref="Hash"/> was computed over.</summary>
    public required int FormatVersion { get; init; }

    /// <summary>When the entry was appended, UTC, millisecond precision.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public required AccessLogActor Actor { get; init; }

    public required AccessLogBasis Basis { get; init; }

    public required AccessLogAction Action { get; init; }

    public required AccessLogResource Resource { get; init; }

    public required string CorrelationId { get; init; }

    public required string Channel { get; init; }

    /// <summary>The <see cref="Hash"/> of the entry before this one; <see cref="AccessLogHash.Genesis"/> for the first.</summary>
    public required AccessLogHash PreviousHash { get; init; }

    /// <summary>SHA-256 over the canonical serialization of every other property.</summary>
    public required AccessLogHash Hash { get; init; }
}
