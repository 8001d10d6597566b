using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

public sealed class CapacityRulesTests
{
    private static Result<Domain.Fullmakt.Fullmakt> Register(CapacityFullmaktDraft draft, string today, params Domain.Fullmakt.Fullmakt[] existing) =>
        FullmaktRules.GrantForPersonLackingCapacity(Eligible(Adult), Eligible(draft.Representative), draft, existing, Guid.NewGuid(), Noon(today));

    [Fact]
    public void GrantForPersonLackingCapacity_WhenValid_CoversEveryServiceAreaAndRecordsTheCertificate()
    {
        var result = Register(Capacity(KariMother, null, "2031-11-22"), "2026-11-23");

        var fullmakt = result.Value;
        Assert.Equal(FullmaktKind.LackingCapacity, fullmakt.Kind);
        Assert.Equal(ServiceAreaCatalog.All, fullmakt.ServiceAreas);
        Assert.Equal("LEGE-2026-001", fullmakt.CertificateReference);
        Assert.Equal("admin-1", fullmakt.RegisteredBy);
    }

    [Theory]
    [InlineData("2031-11-22", true)] // five years less a day: exactly five years of validity
    [InlineData("2031-11-23", false)] // one day more than five years
    public void GrantForPersonLackingCapacity_WhenEndDateAroundFiveYears_AllowsAtMostFiveYears(string validTo, bool allowed)
    {
        var result = Register(Capacity(KariMother, null, validTo), "2026-11-23");

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("period-too-long", result.Error!.Code);
            Assert.Equal("validTo", result.Error.Field);
        }
    }

    [Fact]
    public void LastDayOfCapacityPeriod_WhenStartIsALeapDay_CountsFromTwentyEighthFebruary()
    {
        Assert.Equal(Date("2033-02-27"), FullmaktRules.LastDayOfCapacityPeriod(Date("2028-02-29")));
        Assert.Equal(Date("2033-02-28"), FullmaktRules.LastDayOfCapacityPeriod(Date("2028-03-01")));
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenNoEndDate_IsRejectedAsRequired()
    {
        var result = Register(Capacity(KariMother, null, null), "2026-11-23");

        Assert.Equal("end-date-required", result.Error!.Code);
        Assert.Equal("validTo", result.Error.Field);
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenEndDateNotAfterStart_IsRejected()
    {
        var result = Register(Capacity(KariMother, "2026-12-01", "2026-12-01"), "2026-11-23");

        Assert.Equal("end-date-not-after-start", result.Error!.Code);
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenStartInThePast_IsRejected()
    {
        var result = Register(Capacity(KariMother, "2026-11-22", "2027-11-22"), "2026-11-23");

        Assert.Equal("start-date-in-past", result.Error!.Code);
        Assert.Equal("validFrom", result.Error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void GrantForPersonLackingCapacity_WhenNoCertificateReference_IsRejected(string? certificate)
    {
        var result = Register(Capacity(KariMother, null, "2027-11-22", certificate), "2026-11-23");

        Assert.Equal("certificate-reference-required", result.Error!.Code);
        Assert.Equal("certificateReference", result.Error.Field);
    }

    [Theory]
    [InlineData("2026-06-14", false)]
    [InlineData("2026-06-15", true)]
    public void GrantForPersonLackingCapacity_WhenRelativeAroundEighteenthBirthday_IsAllowedFromTheBirthday(string today, bool allowed)
    {
        var result = Register(Capacity(Born20080615, null, "2027-06-01"), today);

        Assert.Equal(allowed, result.IsSuccess);
        if (!allowed)
        {
            Assert.Equal("representative-too-young", result.Error!.Code);
        }
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenPrincipalHasProtectedAddress_IsRejectedNamingThePrincipal()
    {
        var result = FullmaktRules.GrantForPersonLackingCapacity(
            new FullmaktParty(Adult, PartyStanding.ProtectedAddress), Eligible(KariMother), Capacity(KariMother, null, "2027-11-22"), [],
            Guid.NewGuid(), Noon("2026-11-23"));

        Assert.Equal("giver-not-eligible", result.Error!.Code);
        Assert.Equal("principal", result.Error.Field);
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenACurrentOneOverlaps_IsAConflict()
    {
        var current = Register(Capacity(KariMother, null, "2027-11-22"), "2026-11-23").Value;

        var result = Register(Capacity(KariMother, "2027-11-22", "2032-11-21"), "2026-12-01", current);

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal("capacity-period-overlaps", result.Error.Code);
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenRenewalStartsTheDayAfterTheOldEnds_IsAllowedAndPendingUntilThen()
    {
        var current = Register(Capacity(KariMother, null, "2027-11-22"), "2026-11-23").Value;

        var renewal = Register(Capacity(KariMother, "2027-11-23", "2032-11-22"), "2026-12-01", current).Value;

        Assert.Equal(FullmaktStatus.Pending, renewal.StatusAt(Noon("2027-11-22")));
        Assert.Equal(FullmaktStatus.Active, renewal.StatusAt(Noon("2027-11-23")));
        Assert.Equal(FullmaktStatus.Expired, current.StatusAt(Noon("2027-11-23")));
    }

    [Fact]
    public void GrantForPersonLackingCapacity_WhenTheOldOneWasEnded_AllowsANewOneAtOnce()
    {
        var current = Register(Capacity(KariMother, null, "2027-11-22"), "2026-11-23").Value;
        var ended = FullmaktRules.End(current, KariMother, Noon("2026-11-30")).Value.Fullmakt;

        var result = Register(Capacity(Born20080615, null, "2027-11-22"), "2026-12-01", ended);

        Assert.True(result.IsSuccess, result.Error?.Detail);
    }
}
