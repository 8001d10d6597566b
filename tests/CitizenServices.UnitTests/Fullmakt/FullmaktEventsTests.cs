using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

public sealed class FullmaktEventsTests
{
    [Fact]
    public void Granted_WhenBuilt_IsAboutTheGiverAndNamesBothParties()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-23"), "2027-01-31", "messages");

        var e = FullmaktEvents.Granted(fullmakt);

        Assert.Equal(EventTypes.FullmaktGranted, e.Type);
        Assert.Equal(Adult, e.Subject);
        var data = Assert.IsType<FullmaktGranted>(e.Data);
        Assert.Equal((fullmakt.Id, Adult, KariMother), (data.FullmaktId, data.Giver, data.Representative));
        Assert.Equal(["messages"], data.ServiceAreas);
        Assert.Equal((Date("2026-11-23"), Date("2027-01-31")), (data.ValidFrom, data.ValidTo));
        Assert.Null(data.Validate());
    }

    [Fact]
    public void Ended_WhenEndedByTheRepresentative_SaysSo()
    {
        var ended = FullmaktRules.End(Granted(Adult, KariMother, Noon("2026-11-01")), KariMother, Noon("2026-11-23")).Value.Fullmakt;

        var data = Assert.IsType<Domain.Events.FullmaktEnded>(FullmaktEvents.Ended(ended).Data);

        Assert.Equal(Domain.Events.FullmaktEndedBy.Representative, data.EndedBy);
        Assert.Equal(Noon("2026-11-23"), data.EndedAt);
    }

    [Theory]
    [InlineData("2027-01-16", false)] // 15 days before the last day
    [InlineData("2027-01-17", true)] // 14 days before
    [InlineData("2027-01-31", true)] // the last day
    [InlineData("2027-02-01", false)] // expired: nothing left to warn about
    public void ExpiringSoon_WhenAroundTheNoticePeriod_IsDueFromFourteenDaysBefore(string today, bool due)
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-23"), "2027-01-31");

        var e = FullmaktEvents.ExpiringSoon(fullmakt, Noon(today));

        Assert.Equal(due, e is not null);
        if (e is not null)
        {
            Assert.Equal(EventTypes.FullmaktExpiring, e.Type);
        }
    }

    [Fact]
    public void ExpiringSoon_WhenUntilFurtherNotice_IsNeverDue()
    {
        Assert.Null(FullmaktEvents.ExpiringSoon(Granted(Adult, KariMother, Noon("2026-11-23")), Noon("2040-01-01")));
    }
}
