namespace CitizenServices.Application.Fullmakt.ExpiryNotices;

/// <summary>What to do with one expiry index entry, decided on the truth.</summary>
public enum ExpiryNoticeAction
{
    /// <summary>The notice is due and has not been sent: send it (and then forget the entry).</summary>
    Send,

    /// <summary>Not due yet (e.g. the fullmakt has not started): keep the entry for a later run.</summary>
    Wait,

    /// <summary>Nothing will ever be sent for it: already sent, ended, expired, or not in the truth at all.</summary>
    Forget,
}

/// <summary>The decision and, for <see cref="ExpiryNoticeAction.Send"/>, the event to commit.</summary>
public sealed record ExpiryNoticeDecision(ExpiryNoticeAction Action, FullmaktEvent? Notice = null);

/// <summary>
/// "Expiring soon" once per fullmakt: <see cref="FullmaktEvents.ExpiringSoon"/> says when a notice is due (from
/// <see cref="FullmaktEvents.ExpiringSoonNoticeDays"/> days before the last valid day, while active); this adds "not
/// yet sent" and which index partitions can hold due entries.
/// </summary>
public static class ExpiryNoticeRules
{
    /// <param name="fullmakt">The fullmakt as the principal's partition has it; null when the partition does not have it.</param>
    /// <param name="noticeSentAt">When its notice was sent, from the marker on its row; null when never.</param>
    public static ExpiryNoticeDecision Decide(Domain.Fullmakt.Fullmakt? fullmakt, DateTimeOffset? noticeSentAt, DateTimeOffset now)
    {
        if (fullmakt is null || noticeSentAt is not null || fullmakt.ValidToDate is null)
        {
            return new ExpiryNoticeDecision(ExpiryNoticeAction.Forget);
        }

        if (fullmakt.StatusAt(now) is FullmaktStatus.Ended or FullmaktStatus.Expired)
        {
            return new ExpiryNoticeDecision(ExpiryNoticeAction.Forget);
        }

        return FullmaktEvents.ExpiringSoon(fullmakt, now) is { } notice
            ? new ExpiryNoticeDecision(ExpiryNoticeAction.Send, notice)
            : new ExpiryNoticeDecision(ExpiryNoticeAction.Wait);
    }

    /// <summary>
    /// The last valid days whose fullmakter can have a notice due on <paramref name="today"/> (an Oslo date): today
    /// through today + <see cref="FullmaktEvents.ExpiringSoonNoticeDays"/>, most urgent first. Earlier days have
    /// expired, so there is nothing left to warn about; later ones are not due yet.
    /// </summary>
    public static IReadOnlyList<DateOnly> WindowOn(DateOnly today) =>
        Enumerable.Range(0, FullmaktEvents.ExpiringSoonNoticeDays + 1).Select(today.AddDays).ToList();
}
