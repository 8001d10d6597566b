using CitizenServices.Application.Fullmakt.ExpiryNotices;
using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

/// <summary>When the housekeeping timer sends the "expiring soon" notice for a fullmakt whose last day is 2027-01-31.</summary>
public sealed class ExpiryNoticeRulesTests
{
    private const string LastDay = "2027-01-31";

    private static Domain.Fullmakt.Fullmakt Expiring() => Granted(Adult, KariMother, Noon("2026-11-23"), LastDay, "messages");

    [Theory]
    [InlineData(15, ExpiryNoticeAction.Wait)]
    [InlineData(14, ExpiryNoticeAction.Send)]
    [InlineData(1, ExpiryNoticeAction.Send)]
    [InlineData(0, ExpiryNoticeAction.Send)]
    [InlineData(-1, ExpiryNoticeAction.Forget)] // expired: nothing left to warn about
    public void Decide_WhenDaysBeforeTheLastValidDay_IsDueFromFourteen(int daysBefore, ExpiryNoticeAction expected)
    {
        var now = Noon(LastDay).AddDays(-daysBefore);

        var decision = ExpiryNoticeRules.Decide(Expiring(), noticeSentAt: null, now);

        Assert.Equal(expected, decision.Action);
        Assert.Equal(expected == ExpiryNoticeAction.Send, decision.Notice is not null);
    }

    [Fact]
    public void Decide_WhenDue_NoticeIsTheExpiringEventAboutTheGiverNamingBothParties()
    {
        var fullmakt = Expiring();

        var notice = ExpiryNoticeRules.Decide(fullmakt, null, Noon("2027-01-20")).Notice!;

        Assert.Equal(EventTypes.FullmaktExpiring, notice.Type);
        Assert.Equal(Adult, notice.Subject);
        Assert.Equal(Noon("2027-01-20"), notice.OccurredAt);
        var data = Assert.IsType<FullmaktExpiring>(notice.Data);
        Assert.Equal((fullmakt.Id, Adult, KariMother, Date(LastDay)), (data.FullmaktId, data.Giver, data.Representative, data.ValidTo));
        Assert.Null(data.Validate());
    }

    [Theory]
    [InlineData("23:59", ExpiryNoticeAction.Wait)]
    [InlineData("00:00", ExpiryNoticeAction.Send)]
    public void Decide_AroundOsloMidnightFourteenDaysBefore_FollowsTheOsloDate(string osloTime, ExpiryNoticeAction expected)
    {
        // 2027-01-17 00:00 Oslo is 2027-01-16 23:00 UTC: a UTC date would send an hour late.
        var date = osloTime == "00:00" ? Date("2027-01-17") : Date("2027-01-16");
        var now = NorwegianTime.ToUtc(date, TimeOnly.Parse(osloTime, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, ExpiryNoticeRules.Decide(Expiring(), null, now).Action);
    }

    [Fact]
    public void Decide_WhenAlreadySent_Forgets()
    {
        var decision = ExpiryNoticeRules.Decide(Expiring(), noticeSentAt: Noon("2027-01-17"), Noon("2027-01-20"));

        Assert.Equal(ExpiryNoticeAction.Forget, decision.Action);
        Assert.Null(decision.Notice);
    }

    [Theory]
    [InlineData("2027-01-10")] // ended before the notice window
    [InlineData("2027-01-19")] // ended inside it
    public void Decide_WhenEnded_Forgets(string endedOn)
    {
        var ended = FullmaktRules.End(Expiring(), Adult, Noon(endedOn)).Value.Fullmakt;

        Assert.Equal(ExpiryNoticeAction.Forget, ExpiryNoticeRules.Decide(ended, null, Noon("2027-01-20")).Action);
    }

    [Fact]
    public void Decide_WhenTheTruthDoesNotHaveIt_Forgets()
    {
        Assert.Equal(ExpiryNoticeAction.Forget, ExpiryNoticeRules.Decide(null, null, Noon("2027-01-20")).Action);
    }

    [Fact]
    public void Decide_WhenUntilFurtherNotice_Forgets()
    {
        var open = Granted(Adult, KariMother, Noon("2026-11-23"));

        Assert.Equal(ExpiryNoticeAction.Forget, ExpiryNoticeRules.Decide(open, null, Noon("2027-01-20")).Action);
    }

    [Fact]
    public void Decide_WhenNotStartedYet_Waits()
    {
        // A fullmakt for a person lacking capacity may start later; no notice before it applies at all.
        var pending = Expiring() with { ValidFrom = NorwegianTime.ToUtc(Date("2027-01-25"), TimeOnly.MinValue) };

        Assert.Equal(ExpiryNoticeAction.Wait, ExpiryNoticeRules.Decide(pending, null, Noon("2027-01-20")).Action);
    }

    [Fact]
    public void WindowOn_ReadsTodayThroughTheNoticeDays_MostUrgentFirst()
    {
        var window = ExpiryNoticeRules.WindowOn(Date("2027-01-17"));

        Assert.Equal(FullmaktEvents.ExpiringSoonNoticeDays + 1, window.Count);
        Assert.Equal(Date("2027-01-17"), window[0]);
        Assert.Equal(Date(LastDay), window[^1]);
        Assert.Equal(window.Order(), window);
    }
}
