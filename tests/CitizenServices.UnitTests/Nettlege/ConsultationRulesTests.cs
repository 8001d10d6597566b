using CitizenServices.Domain.Nettlege.Consultations;

namespace CitizenServices.UnitTests.Nettlege;

public sealed class ConsultationRulesTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-10-25T12:00:00+01:00", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(null, "summary-required")]
    [InlineData("", "summary-required")]
    [InlineData(" \n\t ", "summary-required")]
    [InlineData("Hoste.\u0000", "summary-invalid-character")]
    [InlineData("Hoste.\u001b[31m", "summary-invalid-character")]
    public void ValidateSummary_WhenEmptyOrWithControlCharacters_NamesTheRule(string? summary, string code)
    {
        var problem = ConsultationRules.ValidateSummary(summary);

        Assert.Equal(code, problem?.Code);
        Assert.Equal("summary", problem?.Field);
    }

    [Theory]
    [InlineData("Vurdert på video.\nRåd om egenbehandling.\r\n\tNy kontakt ved forverring.")]
    [InlineData("a")]
    public void ValidateSummary_WhenTextWithLineBreaksAndTabs_IsAccepted(string summary) =>
        Assert.Null(ConsultationRules.ValidateSummary(summary));

    [Fact]
    public void ValidateSummary_AtTheLengthLimit_IsAcceptedAndOneMoreIsRefused()
    {
        Assert.Null(ConsultationRules.ValidateSummary(new string('a', ConsultationRules.MaxSummaryLength)));
        Assert.Equal("summary-too-long", ConsultationRules.ValidateSummary(new string('a', ConsultationRules.MaxSummaryLength + 1))?.Code);
    }

    [Theory]
    [InlineData("2026-10-25T11:44:59+01:00", "consultation-not-started")]
    [InlineData("2026-10-25T11:45:00+01:00", null)]
    [InlineData("2026-10-25T12:30:00+01:00", null)]
    [InlineData("2026-11-01T12:00:00+01:00", null)]
    [InlineData("2026-11-01T12:00:00.001+01:00", "completion-window-passed")]
    public void ValidateTime_FromAQuarterBeforeTheStartToSevenDaysAfter_IsAllowed(string now, string? code)
    {
        var problem = ConsultationRules.ValidateTime(Start, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));

        Assert.Equal(code, problem?.Code);
    }

    [Fact]
    public void ValidateTime_WhenTooEarly_ShowsTheStartInOsloTime()
    {
        var problem = ConsultationRules.ValidateTime(Start, Start.AddHours(-1));

        Assert.Contains("2026-10-25T12:00+01:00", problem!.Detail, StringComparison.Ordinal);
    }
}
