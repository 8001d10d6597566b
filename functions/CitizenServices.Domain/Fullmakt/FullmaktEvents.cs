namespace CitizenServices.Domain.Fullmakt;

/// <summary>
/// An event a fullmakt change emits, ready for the outbox: its type, the person it is about (the principal, whose
/// partition the outbox row shares) and its data. The data records are the shared event contracts in
/// <see cref="Events"/> (<see cref="FullmaktGranted"/>, <see cref="Events.FullmaktEnded"/>, <see cref="FullmaktExpiring"/>),
/// so nothing here duplicates a message schema.
/// </summary>
public sealed record FullmaktEvent(string Type, NationalIdentityNumber Subject, DateTimeOffset OccurredAt, IValidatedEventData Data);

/// <summary>Which events a fullmakt change emits (notified to both parties).</summary>
public static class FullmaktEvents
{
    /// <summary>Days before the last valid day that an "expiring soon" notice is due.</summary>
    public const int ExpiringSoonNoticeDays = 14;

    public static FullmaktEvent Granted(Fullmakt fullmakt)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        return new FullmaktEvent(EventTypes.FullmaktGranted, fullmakt.Giver, fullmakt.GrantedAt, new FullmaktGranted(
            fullmakt.Id, fullmakt.Giver, fullmakt.Representative, fullmakt.ServiceAreas.Select(a => a.Value).ToList(),
            fullmakt.ValidFromDate, fullmakt.ValidToDate));
    }

    public static FullmaktEvent Ended(Fullmakt fullmakt)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        var ending = fullmakt.Ending ?? throw new ArgumentException("The fullmakt has not ended.", nameof(fullmakt));
        var data = ending.By switch
        {
            FullmaktEndedBy.Giver => new Events.FullmaktEnded(fullmakt.Id, fullmakt.Giver, fullmakt.Representative, Events.FullmaktEndedBy.Giver, ending.At),
            FullmaktEndedBy.Representative => new Events.FullmaktEnded(
                fullmakt.Id, fullmakt.Giver, fullmakt.Representative, Events.FullmaktEndedBy.Representative, ending.At),

            // Schema v1 has no "death" among who ended it; nobody did: it lapsed by rule ("expiry"), and the optional
            // reason and deceased say why (docs/events.md, "fullmakt.ended after a death").
            _ => new Events.FullmaktEnded(
                fullmakt.Id, fullmakt.Giver, fullmakt.Representative, Events.FullmaktEndedBy.Expiry, ending.At, Events.FullmaktEndReason.Death,
                ending.Deceased ?? throw new ArgumentException("An ending by death names the deceased.", nameof(fullmakt))),
        };
        return new FullmaktEvent(EventTypes.FullmaktEnded, fullmakt.Giver, ending.At, data);
    }

    /// <summary>
    /// The "expiring soon" notice, due from <see cref="ExpiringSoonNoticeDays"/> days before the last valid day while the
    /// fullmakt is still active; null when none is due. For the housekeeping timer, which owns "send once".
    /// </summary>
    public static FullmaktEvent? ExpiringSoon(Fullmakt fullmakt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        if (fullmakt.ValidToDate is not { } last || fullmakt.StatusAt(now) != FullmaktStatus.Active)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(Time.NorwegianTime.ToOslo(now).DateTime);
        return today < last.AddDays(-ExpiringSoonNoticeDays)
            ? null
            : new FullmaktEvent(EventTypes.FullmaktExpiring, fullmakt.Giver, now,
                new FullmaktExpiring(fullmakt.Id, fullmakt.Giver, fullmakt.Representative, last));
    }
}
