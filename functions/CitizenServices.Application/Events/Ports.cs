using CitizenServices.Domain.Events;

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

/// <summary>The relay's side of the outbox: publish what is due, forget what was delivered.</summary>
public interface IOutboxRelay
{
    /// <summary>
    /// Events never relayed or relayed longer ago than the redelivery timeout, marked relayed now; bounded per call.
    /// The caller must hand every returned envelope to the publisher (or fail, so they are relayed again later).
    /// </summary>
    Task<IReadOnlyList<EventEnvelope>> TakeDueAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the delivered event's outbox row (idempotent) and releases the partition's index entry once drained.</summary>
    Task<ConfirmOutcome> ConfirmAsync(OutboxReference outbox, Guid eventId, CancellationToken cancellationToken);
}

public enum ConfirmOutcome
{
    Deleted,

    /// <summary>The row was already gone: a second delivery of the same event.</summary>
    AlreadyDeleted,

    /// <summary>The reference names no valid table or partition key: poison, to be parked.</summary>
    InvalidReference,
}

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
