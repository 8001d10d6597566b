namespace CitizenServices.Application.Authentication;

/// <summary>
/// Remembers one-time proofs (DPoP proofs, RFC 9449 §11.1) for as long as they could be accepted, across every instance
/// of the app, so a proof captured on the way can be presented only once.
/// </summary>
public interface IProofReplayCache
{
    /// <summary>
    /// Records the proof <paramref name="proofId"/> issued at <paramref name="issuedAt"/>. True the first time; false when
    /// it was recorded before, by this instance or any other (the proof is a replay).
    /// </summary>
    /// <param name="proofId">An id unique to the proof, e.g. a hash of its key's thumbprint and its <c>jti</c>; at most 128 characters.</param>
    /// <param name="issuedAt">The proof's own issue time: a replay carries the same one, and the record can go once it is too old to be accepted.</param>
    Task<bool> TryRecordAsync(string proofId, DateTimeOffset issuedAt, CancellationToken cancellationToken);

    /// <summary>Forgets proofs issued before <paramref name="issuedBefore"/> (they fail the freshness check anyway); returns how many.</summary>
    Task<int> ForgetBeforeAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken);
}
