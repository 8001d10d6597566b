using CitizenServices.Domain.Events;
using CitizenServices.Domain.Guardianship;
using static CitizenServices.UnitTests.Guardianship.GuardianshipTestData;

namespace CitizenServices.UnitTests.Guardianship;

/// <summary>How feed changes (appointed, mandate changed, ended) change a guardianship, in any delivery order.</summary>
public sealed class GuardianshipRulesTests
{
    private static GuardianshipRecord Applied(GuardianshipRecord? current, GuardianshipChangeMessage message)
    {
        var decision = GuardianshipRules.Decide(current, message);
        Assert.Equal(GuardianshipDecisionOutcome.Applied, decision.Outcome);
        return decision.State!;
    }

    [Fact]
    public void Decide_WhenAppointed_StoresTheMandateAndEmitsAppointedFromTheFirstDay()
    {
        var decision = GuardianshipRules.Decide(null, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00", mandate: [MandateArea.Personal, MandateArea.Health]));

        Assert.Equal(GuardianshipDecisionOutcome.Applied, decision.Outcome);
        Assert.Equal([MandateArea.Personal, MandateArea.Health], decision.State!.Mandate);
        Assert.False(decision.State.Ended);
        var data = decision.Event!;
        Assert.Equal((GuardianshipId, Ward, GuardianshipChange.Appointed, Date("2026-03-01")), (data.GuardianshipId, data.Ward, data.Change, data.EffectiveFrom));
        Assert.Equal([Guardian], data.Guardians);
    }

    [Fact]
    public void Decide_WhenTheMandateChanges_ReplacesItFromTheRegistrationDay()
    {
        var appointed = Applied(null, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00", mandate: [MandateArea.Financial]));

        var decision = GuardianshipRules.Decide(appointed, Message(GuardianshipChangeKind.MandateChanged, "2026-04-10T23:30:00+02:00", mandate: [MandateArea.Health, MandateArea.Financial]));

        Assert.Equal([MandateArea.Health, MandateArea.Financial], decision.State!.Mandate);
        Assert.Equal(GuardianshipChange.Changed, decision.Event!.Change);
        Assert.Equal(Date("2026-04-10"), decision.Event.EffectiveFrom);
    }

    [Fact]
    public void Decide_WhenEnded_KeepsTheMandateOnRecordAndEmitsEndedFromTheDayAfter()
    {
        var appointed = Applied(null, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00", mandate: [MandateArea.Health]));

        var decision = GuardianshipRules.Decide(appointed, Message(GuardianshipChangeKind.Ended, "2026-05-31T09:00:00+02:00", validFrom: null, validTo: "2026-05-31"));

        Assert.True(decision.State!.Ended);
        Assert.Equal([MandateArea.Health], decision.State.Mandate);
        Assert.Equal(Date("2026-03-01"), decision.State.ValidFrom);
        Assert.Equal(Date("2026-05-31"), decision.State.ValidTo);
        Assert.Equal(GuardianshipChange.Ended, decision.Event!.Change);
        Assert.Equal(Date("2026-06-01"), decision.Event.EffectiveFrom);
    }

    [Theory]
    [InlineData("2026-02-20T10:00:00+01:00")]
    [InlineData("2026-02-20T09:59:59+01:00")]
    public void Decide_WhenTheRegisterRecordedItNoLaterThanTheStoredChange_IsSuperseded(string registeredAt)
    {
        var appointed = Applied(null, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00"));

        var decision = GuardianshipRules.Decide(appointed, Message(GuardianshipChangeKind.MandateChanged, registeredAt, mandate: [MandateArea.Financial]));

        Assert.Equal(GuardianshipDecisionOutcome.Superseded, decision.Outcome);
        Assert.Null(decision.State);
        Assert.Null(decision.Event);
    }

    [Fact]
    public void Decide_WhenTheEndingArrivesBeforeTheAppointment_TheLateAppointmentCannotReviveIt()
    {
        var ended = Applied(null, Message(GuardianshipChangeKind.Ended, "2026-05-31T09:00:00+02:00", validFrom: null, validTo: "2026-05-31"));

        var late = GuardianshipRules.Decide(ended, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00"));

        Assert.Equal(GuardianshipDecisionOutcome.Superseded, late.Outcome);
        Assert.True(ended.Ended);
        Assert.Empty(ended.Scopes);
    }

    [Fact]
    public void Decide_WhenAnotherGuardianArrivesUnderTheSameId_IsRejected()
    {
        var appointed = Applied(null, Message(GuardianshipChangeKind.Appointed, "2026-02-20T10:00:00+01:00"));

        var decision = GuardianshipRules.Decide(appointed, Message(GuardianshipChangeKind.MandateChanged, "2026-04-10T10:00:00+02:00") with { Guardian = Other });

        Assert.Equal(GuardianshipDecisionOutcome.Rejected, decision.Outcome);
        Assert.Contains("guardian", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WhenTheMandateChangeComesFirst_AppliesItsFullState()
    {
        var decision = GuardianshipRules.Decide(null, Message(GuardianshipChangeKind.MandateChanged, "2026-04-10T10:00:00+02:00", mandate: [MandateArea.Health]));

        Assert.Equal(GuardianshipDecisionOutcome.Applied, decision.Outcome);
        Assert.Equal([MandateArea.Health], decision.State!.Mandate);
        Assert.Equal(Date("2026-03-01"), decision.State.ValidFrom);
    }
}
