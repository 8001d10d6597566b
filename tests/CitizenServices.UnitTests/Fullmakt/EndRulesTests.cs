using FullmaktEndedBy = CitizenServices.Domain.Fullmakt.FullmaktEndedBy;

using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

public sealed class EndRulesTests
{
    [Theory]
    [InlineData(true, FullmaktEndedBy.Giver)]
    [InlineData(false, FullmaktEndedBy.Representative)]
    public void End_WhenCallerIsEitherParty_EndsImmediately(bool byGiver, FullmaktEndedBy expected)
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"));
        var now = Noon("2026-11-23");

        var (ended, changed) = FullmaktRules.End(fullmakt, byGiver ? Adult : KariMother, now).Value;

        Assert.True(changed);
        Assert.Equal(new FullmaktEnding(now, expected), ended.Ending);
        Assert.Equal(FullmaktStatus.Ended, ended.StatusAt(now));
        Assert.False(ended.ToBasis().IsValidAt(now));
        Assert.True(ended.ToBasis().IsValidAt(now.AddTicks(-1)));
    }

    [Fact]
    public void End_WhenCallerIsNeitherParty_IsNotFound()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"));

        var result = FullmaktRules.End(fullmakt, Born20080615, Noon("2026-11-23"));

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact]
    public void End_WhenAlreadyEnded_ChangesNothing()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"));
        var ended = FullmaktRules.End(fullmakt, Adult, Noon("2026-11-10")).Value.Fullmakt;

        var (again, changed) = FullmaktRules.End(ended, KariMother, Noon("2026-11-23")).Value;

        Assert.False(changed);
        Assert.Equal(ended.Ending, again.Ending);
    }

    [Fact]
    public void End_WhenExpired_ChangesNothing()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), "2026-11-10");

        var (_, changed) = FullmaktRules.End(fullmakt, Adult, Noon("2026-11-23")).Value;

        Assert.False(changed);
    }
}
