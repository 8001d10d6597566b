namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// The newest position of a principal's chain, kept apart from the entries. It is what makes the removal of the
/// newest entries visible: without it, a log cut short is indistinguishable from a log that is simply shorter.
/// </summary>
public sealed record AccessLogHead(long Sequence, AccessLogHash Hash);
