namespace CitizenServices.Application.AccessLog;

/// <summary>
/// Immutable storage for access-log chain heads (<see cref="AccessLogAnchor"/>): written periodically, never overwritten
/// or deleted while retained, read when a chain is verified.
/// </summary>
public interface IAccessLogAnchorStore
{
    /// <summary>Anchors <paramref name="head"/>; false when that sequence of the chain was anchored before.</summary>
    Task<bool> AnchorAsync(NationalIdentityNumber principal, AccessLogHead head, CancellationToken cancellationToken);

    /// <summary>Every anchor of <paramref name="principal"/>'s chain, oldest sequence first.</summary>
    Task<IReadOnlyList<AccessLogAnchor>> ReadAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);
}
