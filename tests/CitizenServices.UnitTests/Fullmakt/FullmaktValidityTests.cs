using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

public sealed class FullmaktValidityTests
{
    [Fact]
    public void StatusAt_WhenEndDatePassed_IsExpiredWithoutAnyStoredChange()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), "2026-11-30");

        Assert.Equal(FullmaktStatus.Active, fullmakt.StatusAt(Noon("2026-11-30")));
        Assert.Equal(FullmaktStatus.Expired, fullmakt.StatusAt(Noon("2026-12-01")));
    }

    [Fact]
    public void ExpiresAt_WhenLastDayGiven_IsOsloMidnightAfterIt()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), "2027-03-27");

        // 28 March 2027 00:00 in Oslo is still winter time (+01:00); daylight saving starts at 02:00 that day.
        Assert.Equal(new DateTimeOffset(2027, 3, 27, 23, 0, 0, TimeSpan.Zero), fullmakt.ExpiresAt);
        Assert.Equal(NorwegianTime.ToUtc(Date("2027-03-28"), TimeOnly.MinValue), fullmakt.ExpiresAt);
    }

    [Fact]
    public void ToBasis_WhenGranted_CarriesKindIdScopesAndValidity()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), "2026-11-30", "appointments", "health-records");

        var basis = fullmakt.ToBasis();

        Assert.Equal(BasisKind.Fullmakt, basis.Kind);
        Assert.Equal(fullmakt.Id.ToString(), basis.RelationId);
        Assert.Equal(new HashSet<Scope> { Scope.Appointments, RepresentationScopes.AppointmentsPrimaryCare, Scope.HealthRecords }, basis.Scopes);
        Assert.True(basis.Covers(Scope.Appointments, Noon("2026-11-30")));
        Assert.False(basis.Covers(Scope.Appointments, Noon("2026-12-01")));
        Assert.False(basis.Covers(Scope.Messages, Noon("2026-11-15")));
    }

    [Fact]
    public void ToBasis_WhenForPersonLackingCapacity_HasItsOwnBasisKind()
    {
        var fullmakt = FullmaktRules.GrantForPersonLackingCapacity(
            Eligible(Adult), Eligible(KariMother), Capacity(KariMother, null, "2027-11-22"), [], Guid.NewGuid(), Noon("2026-11-23")).Value;

        Assert.Equal(BasisKind.FullmaktLackingCapacity, fullmakt.ToBasis().Kind);
    }

    [Fact]
    public void AccessDecision_WhenFullmaktNeverCoversConsents_DeniesConsentsEvenWithEveryArea()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), null, "appointments", "messages", "health-records", "prescriptions");

        var now = Noon("2026-11-23");
        Assert.False(AccessDecision.Decide(KariMother, Adult, Scope.Consents, [fullmakt.ToBasis()], now).IsAllowed);
        Assert.False(AccessDecision.Decide(KariMother, Adult, Scope.Representation, [fullmakt.ToBasis()], now).IsAllowed);
        Assert.True(AccessDecision.Decide(KariMother, Adult, Scope.Prescriptions, [fullmakt.ToBasis()], now).IsAllowed);
    }
}
