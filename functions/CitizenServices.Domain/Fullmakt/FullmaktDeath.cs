namespace CitizenServices.Domain.Fullmakt;

/// <summary>
/// Rule: a death ends representation both ways (domain rules, "Representation"). The eligibility rule already stops a
/// deceased person's fullmakter from working on the next request; this ends them in storage as well, so both parties'
/// lists, the notifications and the event consumers see it, and a later change of the register cannot revive them.
/// </summary>
public static class FullmaktDeath
{
    /// <summary>
    /// Ends <paramref name="fullmakt"/> because <paramref name="deceased"/>, one of its parties, died. One that has already
    /// ended or expired is left as it is (<c>Changed</c> false), so following the register's feed again changes nothing.
    /// The ending is dated when this service learns of the death, not on the date of death: until then the fullmakt
    /// was what the service acted on, and the access log says so.
    /// </summary>
    public static (Fullmakt Fullmakt, bool Changed) End(Fullmakt fullmakt, NationalIdentityNumber deceased, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fullmakt);
        if (deceased != fullmakt.Giver && deceased != fullmakt.Representative)
        {
            throw new ArgumentException("Only a party's death ends a fullmakt.", nameof(deceased));
        }

        return fullmakt.IsCurrentAt(now)
            ? (fullmakt with { Ending = new FullmaktEnding(now, FullmaktEndedBy.Death, deceased) }, true)
            : (fullmakt, false);
    }
}
