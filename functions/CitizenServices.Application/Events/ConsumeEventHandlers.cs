namespace CitizenServices.Application.Events;

/// <summary>A message from the <c>citizen-events</c> topic as a consumer receives it.</summary>
public sealed record ReceivedEvent(ReadOnlyMemory<byte> Body, string? MessageId, int? DeliveryCount);

public enum ConsumeOutcome
{
    /// <summary>The event had its effect.</summary>
    Handled,

    /// <summary>Seen before in another message; nothing done.</summary>
    Duplicate,

    /// <summary>Poison: recorded in the parking lot with <see cref="ConsumeResult{T}.ParkedReason"/>.</summary>
    Parked,
}

/// <param name="Envelope">Null when the body was not a readable envelope.</param>
public sealed record ConsumeResult<T>(ConsumeOutcome Outcome, T Value, EventEnvelope? Envelope, string? ParkedReason);

/// <summary>Turns events into notification requests (function <c>Notifier</c>).</summary>
public sealed class NotifyHandler(IEventInbox inbox, IParkingLot parkingLot, TimeProvider time)
{
    public const string Consumer = "notifier";

    /// <summary>
    /// The requests to send; empty when the event notifies nobody, was handled before, or was parked as poison.
    /// Throws only on infrastructure faults, so the message is redelivered.
    /// </summary>
    public async Task<ConsumeResult<IReadOnlyList<NotificationRequest>>> HandleAsync(ReceivedEvent received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);

        // Reading and planning are pure: validated and planned before claiming, so a poison event never occupies an inbox
        // entry, and a value that breaks the planning (an instant at the end of the calendar) parks instead of failing.
        EventEnvelope? envelope = null;
        string? error = null;
        if (!MessageFaults.TryPure("read and plan", () => Plan(received, out envelope, out error), out var requests, out var fault)
            || requests is null)
        {
            error ??= fault;
            await parkingLot.ParkAsync(Parked(received, error!), cancellationToken);
            return new(ConsumeOutcome.Parked, [], envelope, error);
        }

        var claim = await inbox.ClaimAsync(Consumer, envelope!.EventId, received.MessageId, cancellationToken);
        return claim == InboxClaim.Duplicate
            ? new(ConsumeOutcome.Duplicate, [], envelope, null)
            : new(ConsumeOutcome.Handled, requests, envelope, null);
    }

    /// <summary>The requests for a readable event; null with <paramref name="error"/> when the event breaks its schema.</summary>
    private static IReadOnlyList<NotificationRequest>? Plan(ReceivedEvent received, out EventEnvelope? envelope, out string? error) =>
        EventEnvelope.TryParse(received.Body.Span, out envelope, out error) && EventData.TryRead(envelope!, out var data, out _, out error)
            ? NotificationPlanner.Plan(envelope!, data!)
            : null;

    private ParkedMessage Parked(ReceivedEvent received, string reason) =>
        new(Consumer, reason, received.Body, received.MessageId, received.DeliveryCount, time.GetUtcNow());
}
