using static CitizenServices.UnitTests.Guardianship.GuardianshipTestData;

namespace CitizenServices.UnitTests.Guardianship;

/// <summary>Rule: a guardian acts only within the mandate's period (inclusive Europe/Oslo days).</summary>
public sealed class GuardianshipRecordTests
{
    private static GuardianshipRecord Record(string validFrom, string? validTo, params MandateArea[] mandate) => new()
    {
        Id = GuardianshipId,
        Ward = PerUnderHealthGuardianship,
        Guardian = AstridGuardianOfPer,
        Mandate = mandate,
        ValidFrom = Date(validFrom),
        ValidTo = validTo is null ? null : Date(validTo),
        DecisionReference = "SFVL 2026/0042",
        Ended = false,
        LastChangeId = Guid.NewGuid(),
        LastRegisteredAt = Oslo("2026-01-01", 8),
    };

    [Theory]
    [InlineData("2026-02-28", 23, 59, false)]
    [InlineData("2026-03-01", 0, 0, true)]
    [InlineData("2026-06-30", 23, 59, true)]
    [InlineData("2026-07-01", 0, 0, false)]
    public void ToBasis_AroundThePeriodsFirstAndLastDay_IsValidOnlyWithinIt(string date, int hour, int minute, bool valid)
    {
        var basis = Record("2026-03-01", "2026-06-30", MandateArea.Health).ToBasis();

        Assert.Equal(valid, basis.Covers(Scope.HealthRecords, Oslo(date, hour, minute)));
    }

    [Fact]
    public void ToBasis_WhenUntilFurtherNotice_HasNoEnd()
    {
        var basis = Record("2019-03-01", null, MandateArea.Health).ToBasis();

        Assert.Null(basis.ValidTo);
        Assert.True(basis.Covers(Scope.Prescriptions, Oslo("2060-01-01", 12)));
    }

    [Fact]
    public void ToBasis_Always_IsAGuardianBasisNamedByTheGuardianshipId()
    {
        var basis = Record("2019-03-01", null, MandateArea.Personal).ToBasis();

        Assert.Equal(BasisKind.Guardian, basis.Kind);
        Assert.Equal(GuardianshipId.ToString(), basis.RelationId);
    }

    [Fact]
    public void ToBasis_OnTheDaylightSavingChangeDay_StartsAtOsloMidnight()
    {
        // 2026-03-29 is the spring change: midnight is still winter time (+01:00).
        var basis = Record("2026-03-29", null, MandateArea.Health).ToBasis();

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), basis.ValidFrom);
    }
}
