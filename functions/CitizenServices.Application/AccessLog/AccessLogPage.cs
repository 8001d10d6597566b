namespace CitizenServices.Application.AccessLog;

/// <summary>
/// Entries newest first. <see cref="ContinuationToken"/> is null on the last page; otherwise it is an opaque string
/// the client passes back unchanged to get the next page.
/// </summary>
public sealed record AccessLogPage(IReadOnlyList<AccessLogEntry> Entries, string? ContinuationToken);
