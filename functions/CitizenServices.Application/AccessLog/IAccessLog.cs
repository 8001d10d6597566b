namespace CitizenServices.Application.AccessLog;

/// <summary>
/// Each citizen's log of what was done on their behalf (architecture §4; domain rules, "Access log"). Entries are
/// append-only and hash-chained per principal; the principal reads them newest first.
/// </summary>
public interface IAccessLog
{
    /// <summary>
    /// Appends an entry to <paramref name="principal"/>'s log and returns it with its sequence and hashes. Concurrent
    /// appends for the same principal are serialized: none is lost and the chain never forks.
    /// </summary>
    /// <exception cref="AccessLogContentionException">
    /// The entry could not be appended after repeated conflicting concurrent appends. Nothing was written; the request
    /// that needed the entry must fail (an access that cannot be logged must not happen).
    /// </exception>
    Task<AccessLogEntry> AppendAsync(NationalIdentityNumber principal, AccessLogDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// One page of <paramref name="principal"/>'s entries, newest first. <paramref name="pageSize"/> is
    /// <see cref="AccessLogPaging.MinPageSize"/>–<see cref="AccessLogPaging.MaxPageSize"/>
    /// (use <see cref="AccessLogPaging.DefaultPageSize"/> when the client gives none); pass the previous page's
    /// <see cref="AccessLogPage.ContinuationToken"/> to get the next page. A bad page size or token is a typed error.
    /// </summary>
    Task<Result<AccessLogPage>> ReadAsync(
        NationalIdentityNumber principal, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="principal"/>'s whole log and checks its hash chain against the head.</summary>
    Task<AccessLogVerification> VerifyAsync(NationalIdentityNumber principal, CancellationToken cancellationToken);
}
