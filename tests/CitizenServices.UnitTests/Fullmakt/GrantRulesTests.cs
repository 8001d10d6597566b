using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

public sealed class GrantRulesTests
{
    [Theory]
    [InlineData("2026-06-14", false)] // the day before the 16th birthday
    [InlineData("2026-06-15", true)] // the birthday
    [InlineData("2026-06-16", true)] // the day after
    public void Grant_WhenGiverAroundSixteenthBirthday_IsAllowedFromTheBirthday(string today, bool allowed)
    {
        var result = FullmaktRules.Grant(Eligible(Born20100615), Eligible(Adult), Draft(Adult), [], Guid.NewGuid(), Noon(today));

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("giver-too-young", result.Error!.Code);
            Assert.Equal("subject", result.Error.Field);
        }
    }

    [Fact]
    public void Grant_WhenGiverIsFifteen_IsRejectedNamingTheSubject()
    {
        var result = FullmaktRules.Grant(Eligible(Born20100615), Eligible(Adult), Draft(Adult), [], Guid.NewGuid(), Noon("2026-01-01"));

        Assert.Equal(ErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal("giver-too-young", result.Error.Code);
        Assert.Equal("subject", result.Error.Field);
    }

    [Theory]
    [InlineData("2028-02-28", false)]
    [InlineData("2028-02-29", true)] // leap year: the birthday itself
    public void Grant_WhenGiverBornOnLeapDay_IsSixteenOnTheLeapDay(string today, bool allowed)
    {
        var result = FullmaktRules.Grant(Eligible(Born20120229), Eligible(Adult), Draft(Adult), [], Guid.NewGuid(), Noon(today));

        Assert.Equal(allowed, result.IsSuccess);
    }

    [Fact]
    public void Grant_WhenOsloDateIsTheBirthdayButUtcDateIsNot_UsesTheOsloDate()
    {
        // 23:30 UTC on 14 June is 01:30 on 15 June in Oslo (summer time): the giver is 16 there.
        var now = new DateTimeOffset(2026, 6, 14, 23, 30, 0, TimeSpan.Zero);

        var result = FullmaktRules.Grant(Eligible(Born20100615), Eligible(Adult), Draft(Adult), [], Guid.NewGuid(), now);

        Assert.True(result.IsSuccess, result.Error?.Detail);
    }

    [Theory]
    [InlineData("2026-06-14", false)] // the day before the 18th birthday
    [InlineData("2026-06-15", true)]
    [InlineData("2026-06-16", true)]
    public void Grant_WhenRepresentativeAroundEighteenthBirthday_IsAllowedFromTheBirthday(string today, bool allowed)
    {
        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(Born20080615), Draft(Born20080615), [], Guid.NewGuid(), Noon(today));

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("representative-too-young", result.Error!.Code);
            Assert.Equal("representative", result.Error.Field);
        }
    }

    [Theory]
    [InlineData("2026-02-28", false)] // common year: 28 February does not complete the 18th year
    [InlineData("2026-03-01", true)]
    public void Grant_WhenRepresentativeBornOnLeapDay_IsEighteenOnFirstMarchInACommonYear(string today, bool allowed)
    {
        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(Born20080229), Draft(Born20080229), [], Guid.NewGuid(), Noon(today));

        Assert.Equal(allowed, result.IsSuccess);
    }

    [Fact]
    public void Grant_WhenRepresentativeIsTheGiver_IsRejected()
    {
        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(Adult), Draft(Adult), [], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal("representative-is-giver", result.Error!.Code);
        Assert.Equal("representative", result.Error.Field);
    }

    [Theory]
    [InlineData(PartyStanding.ProtectedAddress)]
    [InlineData(PartyStanding.Deceased)]
    [InlineData(PartyStanding.NotRegistered)]
    public void Grant_WhenRepresentativeNotEligible_IsRejectedWithoutSayingWhy(PartyStanding standing)
    {
        var result = FullmaktRules.Grant(Eligible(Adult), new FullmaktParty(KariMother, standing), Draft(KariMother), [], Guid.NewGuid(), Noon("2026-11-23"));

        // One answer for all three, so the giver cannot learn that someone has a protected address.
        Assert.Equal("representative-not-eligible", result.Error!.Code);
        Assert.Equal("representative: this person cannot receive a fullmakt on Helsenorge.", result.Error.Detail);
    }

    [Theory]
    [InlineData(PartyStanding.ProtectedAddress)]
    [InlineData(PartyStanding.Deceased)]
    public void Grant_WhenGiverNotEligible_IsRejected(PartyStanding standing)
    {
        var result = FullmaktRules.Grant(new FullmaktParty(Adult, standing), Eligible(KariMother), Draft(KariMother), [], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal("giver-not-eligible", result.Error!.Code);
        Assert.Equal("subject", result.Error.Field);
    }

    [Fact]
    public void Grant_WhenGiverHasAnActiveCapacityFullmakt_IsRejectedAsLackingCapacity()
    {
        var now = Noon("2026-11-23");
        var capacity = FullmaktRules.GrantForPersonLackingCapacity(
            Eligible(Adult), Eligible(KariMother), Capacity(KariMother, null, "2027-11-22"), [], Guid.NewGuid(), now).Value;

        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(Born20080615), Draft(Born20080615), [capacity], Guid.NewGuid(), now.AddDays(1));

        Assert.Equal("giver-lacks-capacity", result.Error!.Code);
    }

    [Fact]
    public void Grant_WhenNoServiceArea_IsRejectedNamingServiceAreas()
    {
        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(KariMother), new FullmaktGrantDraft(KariMother, [], null), [], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal("service-areas-required", result.Error!.Code);
        Assert.Equal("serviceAreas", result.Error.Field);
    }

    [Theory]
    [InlineData("consents")]
    [InlineData("representation")]
    [InlineData("access-log")]
    [InlineData("Appointments")]
    public void Grant_WhenServiceAreaIsNotInTheCatalog_IsRejectedNamingTheEntry(string area)
    {
        var result = FullmaktRules.Grant(
            Eligible(Adult), Eligible(KariMother), new FullmaktGrantDraft(KariMother, ["messages", area], null), [], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal("unknown-service-area", result.Error!.Code);
        Assert.Equal("serviceAreas[1]", result.Error.Field);
    }

    [Fact]
    public void Grant_WhenAreasRepeatedOrUnordered_StoresEachOnceInCatalogOrder()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-23"), null, "prescriptions", "appointments", "prescriptions");

        Assert.Equal([ServiceAreaCatalog.Appointments, ServiceAreaCatalog.Prescriptions], fullmakt.ServiceAreas);
    }

    [Theory]
    [InlineData("2026-11-22", false)] // before the start
    [InlineData("2026-11-23", false)] // the start day itself: not after it
    [InlineData("2026-11-24", true)] // the day after
    public void Grant_WhenEndDateGiven_MustBeAfterTheStartDate(string validTo, bool allowed)
    {
        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(KariMother), Draft(KariMother, validTo), [], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("end-date-not-after-start", result.Error!.Code);
            Assert.Equal("validTo", result.Error.Field);
        }
    }

    [Fact]
    public void Grant_WhenNoEndDate_IsValidUntilFurtherNotice()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-23"));

        Assert.Null(fullmakt.ValidToDate);
        Assert.Equal(FullmaktStatus.Active, fullmakt.StatusAt(Noon("2060-01-01")));
    }

    [Fact]
    public void Grant_WhenACurrentFullmaktToTheSameRepresentativeExists_IsAConflict()
    {
        var existing = Granted(Adult, KariMother, Noon("2026-11-01"));

        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(KariMother), Draft(KariMother), [existing], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal("fullmakt-already-given", result.Error.Code);
    }

    [Fact]
    public void Grant_WhenTheEarlierFullmaktWasEnded_IsAllowed_AChangeIsAnEndPlusANewGrant()
    {
        var existing = Granted(Adult, KariMother, Noon("2026-11-01"));
        var ended = FullmaktRules.End(existing, Adult, Noon("2026-11-20")).Value.Fullmakt;

        var result = FullmaktRules.Grant(
            Eligible(Adult), Eligible(KariMother), Draft(KariMother, null, "messages"), [ended], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.True(result.IsSuccess, result.Error?.Detail);
    }

    [Fact]
    public void Grant_WhenTheEarlierFullmaktExpired_IsAllowed()
    {
        var existing = Granted(Adult, KariMother, Noon("2026-11-01"), "2026-11-10");

        var result = FullmaktRules.Grant(Eligible(Adult), Eligible(KariMother), Draft(KariMother), [existing], Guid.NewGuid(), Noon("2026-11-23"));

        Assert.True(result.IsSuccess, result.Error?.Detail);
    }

    [Fact]
    public void Grant_WhenValid_StartsNowAndRecordsBothParties()
    {
        var now = Noon("2026-11-23");

        var fullmakt = Granted(Adult, KariMother, now, "2027-01-31", "appointments", "messages");

        Assert.Equal(FullmaktKind.Ordinary, fullmakt.Kind);
        Assert.Equal(Adult, fullmakt.Giver);
        Assert.Equal(KariMother, fullmakt.Representative);
        Assert.Equal(now, fullmakt.ValidFrom);
        Assert.Equal(now, fullmakt.GrantedAt);
        Assert.Equal(Date("2027-01-31"), fullmakt.ValidToDate);
        Assert.Null(fullmakt.Ending);
    }
}
