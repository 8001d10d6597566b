using CitizenServices.Domain.Nettlege;

namespace CitizenServices.UnitTests.Nettlege;

public sealed class NettlegePilotRulesTests
{
    private const string Oslo = "0301";

    internal static NettlegePilotDraft Valid() => new(
        Enabled: true, ValidFrom: "2026-01-01", ValidTo: "2026-12-31", OpeningHours: null, SlotLengthMinutes: 15, ConsultationsPerHour: 8,
        FeeText: "Egenandel som for videokonsultasjon på legevakt.", OutOfHoursPhone: null,
        InfoLinks: [new InfoLinkDraft("Om nettlegen", "https://www.oslo.kommune.no/nettlege")]);

    private static IReadOnlyList<FieldError> Problems(NettlegePilotDraft draft) => NettlegePilotRules.Validate(Oslo, draft).Problems;

    private static void AssertOnlyProblem(NettlegePilotDraft draft, string code, string field)
    {
        var problem = Assert.Single(Problems(draft));
        Assert.Equal(code, problem.Code);
        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public void Validate_WhenOpeningHoursAreLeftOut_DefaultsToEveryDayNoonToTenAndLegevaktPhone()
    {
        var (pilot, problems) = NettlegePilotRules.Validate(Oslo, Valid());

        Assert.Empty(problems);
        Assert.NotNull(pilot);
        Assert.Equal(7, pilot.OpeningHours.Days.Count);
        Assert.All(pilot.OpeningHours.Days, d => Assert.Equal((new TimeOnly(12, 0), new TimeOnly(22, 0)), (d.Opens, d.Closes)));
        Assert.Equal(DayOfWeek.Monday, pilot.OpeningHours.Days[0].Day);
        Assert.Equal("116 117", pilot.OutOfHoursPhone);
        Assert.Equal(TimeSpan.FromMinutes(15), pilot.SlotPlan.SlotLength);
        Assert.Equal(8, pilot.SlotPlan.ConsultationsPerHour);
    }

    [Fact]
    public void Validate_WhenReadBackFromItsDraft_GivesTheSamePilot()
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid() with { OpeningHours = [new("saturday", "10:00", "14:00")] }).Pilot!;

        var again = NettlegePilotRules.Validate(Oslo, NettlegePilotRules.ToDraft(pilot)).Pilot!;

        Assert.True(pilot.SameAs(again));
        Assert.False(pilot.SameAs(again with { ConsultationsPerHour = 4 }));
    }

    [Fact]
    public void Validate_WhenEnabledIsMissing_NamesEnabled() => AssertOnlyProblem(Valid() with { Enabled = null }, "enabled-required", "enabled");

    [Theory]
    [InlineData(null, "validFrom")]
    [InlineData("2026-13-01", "validFrom")]
    [InlineData("01.01.2026", "validFrom")]
    public void Validate_WhenADateDoesNotParse_NamesIt(string? from, string field) =>
        AssertOnlyProblem(Valid() with { ValidFrom = from }, "invalid-date", field);

    [Fact]
    public void Validate_WhenPeriodEndsBeforeItStarts_NamesValidTo() =>
        AssertOnlyProblem(Valid() with { ValidFrom = "2026-06-01", ValidTo = "2026-05-31" }, "period-end-before-start", "validTo");

    [Fact]
    public void Validate_WhenPeriodIsOneDay_IsAccepted() =>
        Assert.Empty(Problems(Valid() with { ValidFrom = "2026-06-01", ValidTo = "2026-06-01" }));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(90)]
    public void Validate_WhenSlotLengthIsNotADivisorOfTheHourFrom5To60_NamesSlotLength(int? minutes) =>
        Assert.Contains(Problems(Valid() with { SlotLengthMinutes = minutes }), p => p is { Code: "invalid-slot-length", Field: "slotLengthMinutes" });

    [Theory]
    [InlineData(null, "invalid-capacity")]
    [InlineData(0, "invalid-capacity")]
    [InlineData(501, "invalid-capacity")]
    [InlineData(6, "capacity-not-multiple-of-slots")] // 15-minute slots: 4 starts an hour
    public void Validate_WhenCapacityIsOutOfRangeOrUneven_NamesConsultationsPerHour(int? perHour, string code) =>
        AssertOnlyProblem(Valid() with { ConsultationsPerHour = perHour }, code, "consultationsPerHour");

    [Fact]
    public void Validate_WhenOpeningHoursAreEmpty_NamesOpeningHours() =>
        AssertOnlyProblem(Valid() with { OpeningHours = [] }, "opening-hours-empty", "openingHours");

    [Theory]
    [InlineData("mandag", "12:00", "22:00", "invalid-day", "openingHours[0].day")]
    [InlineData("monday", "12", "22:00", "invalid-time", "openingHours[0].opens")]
    [InlineData("monday", "12:00", "24:00", "invalid-time", "openingHours[0].closes")]
    [InlineData("monday", "12:00", "12:00", "closes-not-after-opens", "openingHours[0].closes")]
    [InlineData("monday", "22:00", "12:00", "closes-not-after-opens", "openingHours[0].closes")]
    [InlineData("monday", "12:10", "22:00", "time-not-on-slot-boundary", "openingHours[0].opens")]
    public void Validate_WhenAnOpeningIsWrong_NamesItsField(string day, string opens, string closes, string code, string field) =>
        AssertOnlyProblem(Valid() with { OpeningHours = [new(day, opens, closes)] }, code, field);

    [Fact]
    public void Validate_WhenADayIsRepeated_NamesTheSecond() =>
        AssertOnlyProblem(Valid() with { OpeningHours = [new("monday", "12:00", "16:00"), new("monday", "18:00", "22:00")] },
            "day-repeated", "openingHours[1].day");

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Validate_WhenFeeTextIsMissing_NamesFeeText(string? fee) => AssertOnlyProblem(Valid() with { FeeText = fee }, "invalid-fee-text", "feeText");

    [Theory]
    [InlineData("12")]
    [InlineData("116-117")]
    [InlineData("1+16117")]
    public void Validate_WhenPhoneIsNotANumber_NamesOutOfHoursPhone(string phone) =>
        AssertOnlyProblem(Valid() with { OutOfHoursPhone = phone }, "invalid-phone", "outOfHoursPhone");

    [Fact]
    public void Validate_WhenALinkIsNotHttps_NamesItsUrl() =>
        AssertOnlyProblem(Valid() with { InfoLinks = [new("Ok", "https://a.no"), new("Plain", "http://b.no")] }, "invalid-info-link-url", "infoLinks[1].url");

    [Fact]
    public void Validate_WhenManyFieldsAreWrong_NamesEveryOne()
    {
        var problems = Problems(Valid() with { Enabled = null, ValidTo = "x", FeeText = "", OpeningHours = [new("fri", "1", "2")] });

        Assert.Equal(["enabled", "validTo", "openingHours[0].day", "openingHours[0].opens", "openingHours[0].closes", "feeText"],
            problems.Select(p => p.Field).ToArray());
    }

    [Theory]
    [InlineData("2025-12-31", "before-period")]
    [InlineData("2026-01-01", null)] // first day
    [InlineData("2026-12-31", null)] // last day
    [InlineData("2027-01-01", "after-period")]
    public void WhyNotOffered_WhenAroundThePeriod_IsOfferedFromTheFirstToTheLastDayInclusive(string date, string? whyNot)
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid()).Pilot;

        Assert.Equal(whyNot, NettlegePilotRules.WhyNotOffered(pilot, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void WhyNotOffered_WhenDisabledOrMissing_SaysSo()
    {
        var disabled = NettlegePilotRules.Validate(Oslo, Valid() with { Enabled = false }).Pilot;

        Assert.Equal("pilot-disabled", NettlegePilotRules.WhyNotOffered(disabled, new DateOnly(2026, 6, 1)));
        Assert.Equal("no-pilot", NettlegePilotRules.WhyNotOffered(null, new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void Decide_WhenBeforeThePeriod_NextOpeningIsTheFirstDaysOpening()
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid()).Pilot;

        var availability = NettlegeAvailability.Decide(pilot, featureOn: false, OpeningHoursTests.At("2025-12-31T13:00:00+01:00"));

        Assert.False(availability.Available);
        Assert.Equal("before-period", availability.WhyNot);
        Assert.Equal(OpeningHoursTests.At("2026-01-01T12:00:00+01:00"), availability.NextOpening);
    }

    [Fact]
    public void Decide_WhenOpen_SaysWhenItClosesAndNextOpens()
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid()).Pilot;

        var availability = NettlegeAvailability.Decide(pilot, featureOn: true, OpeningHoursTests.At("2026-03-29T12:00:00+02:00"));

        Assert.True(availability.Available);
        Assert.True(availability.OpenNow);
        Assert.Equal(OpeningHoursTests.At("2026-03-29T22:00:00+02:00"), availability.ClosesAt);
        Assert.Equal(OpeningHoursTests.At("2026-03-30T12:00:00+02:00"), availability.NextOpening);
        Assert.Null(availability.WhyNot);
    }

    [Fact]
    public void Decide_WhenTheFeatureIsSwitchedOffForEveryone_IsUnavailableWithFeatureOff()
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid()).Pilot;

        var availability = NettlegeAvailability.Decide(pilot, featureOn: false, OpeningHoursTests.At("2026-06-01T13:00:00+02:00"));

        Assert.False(availability.Available);
        Assert.Equal("feature-off", availability.WhyNot);
        Assert.Null(availability.NextOpening);
    }

    [Fact]
    public void Decide_WhenClosedInsideThePeriod_IsAvailableButNotOpenWithTheNextOpening()
    {
        var pilot = NettlegePilotRules.Validate(Oslo, Valid()).Pilot;

        var availability = NettlegeAvailability.Decide(pilot, featureOn: true, OpeningHoursTests.At("2026-06-01T08:00:00+02:00"));

        Assert.True(availability.Available);
        Assert.False(availability.OpenNow);
        Assert.Equal(OpeningHoursTests.At("2026-06-01T12:00:00+02:00"), availability.NextOpening);
    }
}
