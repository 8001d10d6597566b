namespace CitizenServices.Application.Events;

/// <summary>
/// The transactional outbox. A use case that changes table state adds its events to the same entity-group
/// transaction through the table implementation's staging call; this port commits events on their own, for use cases
/// whose only effect is the event (e.g. "fullmakt expiring" notices).
/// </summary>
public interface IEventOutbox
{
    /// <summary>Commits <paramref name="events"/> atomically in <paramref name="partition"/>; they will be published.</summary>
    /// <exception cref="ArgumentException">More events than fit one transaction, or an invalid table name.</exception>
    Task<OutboxCommitResult> CommitAsync(EventPartition partition, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken);
}

public enum OutboxCommitResult
{
    Committed,

    /// <summary>An event with one of the ids is already in the outbox: a retried commit, nothing written twice.</summary>
    AlreadyCommitted,
}

/// <summary>
/// Sends committed events to the <c>citizen-events</c> topic. One message per envelope, in the order given, with the
/// event id as the message id (so the topic's duplicate detection drops a second send of the same event) and the type as
/// the subject (so subscriptions filter by type). Returns only when the broker accepted every message; throws otherwise,
/// and then any subset may have been accepted: the caller keeps the rows and sends them again later.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken);
}

/// <summary>
/// The sweep: publishes whatever was committed but not sent right after its commit (a crash between commit and send,
/// a failed or timed-out send, a failed delete after a successful send), and removes drained pending-index entries.
/// </summary>
public interface IOutboxSweep
{
    Task<OutboxSweepResult> SweepAsync(CancellationToken cancellationToken);
}

/// <param name="Partitions">Pending partitions visited.</param>
/// <param name="Published">Events sent (and their rows deleted, or left for the next sweep when the delete failed).</param>
/// <param name="FailedPartitions">Partitions whose send failed; their rows stay for the next sweep.</param>
/// <param name="OldestPendingAge">
/// Age of the oldest row seen and still unsent after this sweep (zero when none): what an alert watches.
/// </param>
public sealed record OutboxSweepResult(int Partitions, int Published, int FailedPartitions, TimeSpan OldestPendingAge);

/// <summary>Processed event ids per consumer (table <c>inbox</c>), so an event has its effect once.</summary>
public interface IEventInbox
{
    /// <summary>
    /// Records that <paramref name="consumer"/> handles <paramref name="eventId"/>, arriving as Service Bus message
    /// <paramref name="messageId"/>.
    /// </summary>
    Task<InboxClaim> ClaimAsync(string consumer, Guid eventId, string? messageId, CancellationToken cancellationToken);
}

public enum InboxClaim
{
    /// <summary>First time: have the effect.</summary>
    First,

    /// <summary>
    /// The same Service Bus message again (same MessageId): the earlier attempt failed before its outputs were
    /// sent, or they were sent and the completion was lost. Have the effect again; it must be idempotent downstream.
    /// </summary>
    Redelivery,

    /// <summary>The event arrived before in another message (re-relayed or published twice): skip it.</summary>
    Duplicate,
}

/// <summary>Poison input, kept with its reason for an operator instead of being retried forever.</summary>
public interface IParkingLot
{
    Task ParkAsync(ParkedMessage message, CancellationToken cancellationToken);

    /// <summary>The messages <paramref name="consumer"/> parked on the UTC date <paramref name="day"/>, newest first.</summary>
    IAsyncEnumerable<ParkedMessage> ListAsync(string consumer, DateOnly day, CancellationToken cancellationToken);
}

/// <param name="Consumer">The function that refused the message.</param>
/// <param name="Reason">Why, precise enough for an operator to fix the producer.</param>
/// <param name="Body">The raw body as received (truncated to what one table entity holds).</param>
public sealed record ParkedMessage(
    string Consumer,
    string Reason,
    ReadOnlyMemory<byte> Body,
    string? MessageId,
    int? DeliveryCount,
    DateTimeOffset ParkedAt);
