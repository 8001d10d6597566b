using CitizenServices.Domain.Events;
using CitizenServices.Domain.Time;

namespace CitizenServices.Domain.Guardianship;

public enum GuardianshipDecisionOutcome
{
    /// <summary>The change gives the guardianship a new state.</summary>
    Applied,

    /// <summary>
    /// The register recorded a later change of this guardianship already: the message arrived late and is ignored
    /// (its id is still recorded, so a redelivery is recognised).
    /// </summary>
    Superseded,

    /// <summary>The change contradicts what is stored (another ward or guardian under the same id): parked for an operator.</summary>
    Rejected,
}

/// <param name="State">The new state when applied.</param>
/// <param name="Event">The <c>guardianship.changed</c> data when applied.</param>
/// <param name="Reason">Why it was rejected; names fields, never values.</param>
public sealed record GuardianshipDecision(
    GuardianshipDecisionOutcome Outcome, GuardianshipRecord? State, GuardianshipChanged? Event, string? Reason);

/// <summary>How a feed message changes a guardianship (docs/guardianship.md).</summary>
public static class GuardianshipRules
{
    /// <summary>
    /// Rules: the message carries the full state, so it replaces the stored one (an ending the feed reports first is
    /// kept as an ended guardianship, so a late appointment cannot revive it); a change the register recorded no later
    /// than the stored one is superseded; ward and guardian of a guardianship never change (a new guardian is a new
    /// appointment with its own id).
    /// </summary>
    public static GuardianshipDecision Decide(GuardianshipRecord? current, GuardianshipChangeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (current is not null)
        {
            if (current.Ward != message.Ward || current.Guardian != message.Guardian)
            {
                return new(GuardianshipDecisionOutcome.Rejected, null, null,
                    "ward or guardian differs from the stored guardianship with this guardianshipId; a new guardian is a new appointment with its own id.");
            }

            if (message.RegisteredAt <= current.LastRegisteredAt)
            {
                return new(GuardianshipDecisionOutcome.Superseded, null, null, null);
            }
        }

        var ends = message.Kind == GuardianshipChangeKind.Ended;
        var validTo = message.ValidTo;
        var state = new GuardianshipRecord
        {
            Id = message.GuardianshipId,
            Ward = message.Ward,
            Guardian = message.Guardian,
            // An ending may leave out the mandate and start: the stored ones (if any) stay on record with it.
            Mandate = message.Mandate.Count > 0 ? message.Mandate : current?.Mandate ?? [],
            ValidFrom = message.ValidFrom ?? current?.ValidFrom ?? validTo!.Value,
            ValidTo = validTo,
            DecisionReference = message.DecisionReference,
            Ended = ends,
            LastChangeId = message.ChangeId,
            LastRegisteredAt = message.RegisteredAt,
        };
        // An ending dated before the stored start leaves ValidTo before ValidFrom: a period that is never valid, which is
        // what the register says (the mandate never applied), so it is kept as reported.

        var (change, effectiveFrom) = message.Kind switch
        {
            GuardianshipChangeKind.Appointed => (GuardianshipChange.Appointed, state.ValidFrom),
            GuardianshipChangeKind.MandateChanged => (GuardianshipChange.Changed, Later(state.ValidFrom, OsloDate(message.RegisteredAt))),
            _ => (GuardianshipChange.Ended, state.ValidTo!.Value.AddDays(1)),
        };
        return new(GuardianshipDecisionOutcome.Applied, state,
            new GuardianshipChanged(state.Id, state.Ward, [state.Guardian], change, effectiveFrom), null);
    }

    private static DateOnly OsloDate(DateTimeOffset instant) => DateOnly.FromDateTime(NorwegianTime.ToOslo(instant).DateTime);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
