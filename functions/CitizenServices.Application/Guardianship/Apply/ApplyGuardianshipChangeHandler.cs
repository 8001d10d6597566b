using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Guardianship;

namespace CitizenServices.Application.Guardianship.Apply;

/// <summary>A message from queue <c>guardianship-inbound</c> as the function receives it.</summary>
public sealed record ReceivedGuardianshipChange(ReadOnlyMemory<byte> Body, string? MessageId, int? DeliveryCount, string? CorrelationId);

public enum GuardianshipApplyOutcome
{
    /// <summary>The state changed and <c>guardianship.changed</c> was committed with it.</summary>
    Applied,

    /// <summary>A later change of the guardianship was applied already; only the change id was recorded.</summary>
    Superseded,

    /// <summary>This change id was applied before (a redelivery or a second copy): nothing done.</summary>
    Duplicate,

    /// <summary>Invalid or contradicting input: kept in the parking lot with its reason.</summary>
    Parked,
}

/// <param name="Message">Null when the body could not be read.</param>
public sealed record GuardianshipApplyResult(GuardianshipApplyOutcome Outcome, GuardianshipChangeMessage? Message, string? ParkedReason);

/// <summary>
/// Applies one change from the register's guardianship feed (function <c>GuardianshipInbox</c>). Exactly once per
/// change id: the id is recorded in the ward's partition in the same transaction as the new state and its event, so
/// there is no window in which one happened without the other (stronger than the shared inbox, docs/events.md).
/// Throws only on infrastructure faults, so the message is redelivered.
/// </summary>
public sealed class ApplyGuardianshipChangeHandler(IGuardianshipStore store, IParkingLot parkingLot, TimeProvider time)
{
    public const string Consumer = "guardianship-inbox";

    /// <summary>Attempts when another change to the same ward commits between our read and our write.</summary>
    public const int MaxAttempts = 4;

    public async Task<GuardianshipApplyResult> HandleAsync(ReceivedGuardianshipChange received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        GuardianshipChangeMessage? message = null;
        string? error = null;
        if (!MessageFaults.TryPure("read", () => GuardianshipFeed.TryParse(received.Body.Span, out message, out error), out var readable, out var fault)
            || !readable)
        {
            return await ParkAsync(received, null, (error ?? fault)!, cancellationToken);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var loaded = await store.LoadAsync(message!.Ward, cancellationToken);
            if (loaded.AppliedChanges.Contains(message.ChangeId))
            {
                // The first attempt may have committed and then failed to write the index (the function then failed and
                // the message came back): rewriting it from the truth here makes the redelivery the repair.
                foreach (var guardianship in loaded.Guardianships)
                {
                    await store.RefreshIndexAsync(guardianship, cancellationToken);
                }

                return new(GuardianshipApplyOutcome.Duplicate, message, null);
            }

            var current = loaded.Find(message.GuardianshipId);
            if (!MessageFaults.TryPure("decide", () => GuardianshipRules.Decide(current, message!), out var decision, out fault))
            {
                return await ParkAsync(received, message, fault!, cancellationToken);
            }

            if (decision!.Outcome == GuardianshipDecisionOutcome.Rejected)
            {
                return await ParkAsync(received, message, decision.Reason!, cancellationToken);
            }

            IReadOnlyList<DomainEvent> events = decision.Event is { } data
                ? [DomainEvent.Create(EventTypes.GuardianshipChanged, message.Ward, data, time, received.CorrelationId ?? message.ChangeId.ToString())]
                : [];
            var commit = new GuardianshipCommit(loaded, message.ChangeId, decision.Outcome, received.MessageId, decision.State, events);
            if (await store.CommitAsync(commit, cancellationToken))
            {
                return new(
                    decision.Outcome == GuardianshipDecisionOutcome.Applied ? GuardianshipApplyOutcome.Applied : GuardianshipApplyOutcome.Superseded,
                    message,
                    null);
            }
        }

        throw new InvalidOperationException(
            $"Guardianship change {message!.ChangeId} lost {MaxAttempts} races for the ward's partition; the message will be redelivered.");
    }

    private async Task<GuardianshipApplyResult> ParkAsync(
        ReceivedGuardianshipChange received, GuardianshipChangeMessage? message, string reason, CancellationToken cancellationToken)
    {
        await parkingLot.ParkAsync(
            new ParkedMessage(Consumer, reason, received.Body, received.MessageId, received.DeliveryCount, time.GetUtcNow()), cancellationToken);
        return new(GuardianshipApplyOutcome.Parked, message, reason);
    }
}
