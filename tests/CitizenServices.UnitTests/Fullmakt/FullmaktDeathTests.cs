using CitizenServices.UnitTests.Events;
using static CitizenServices.UnitTests.Fullmakt.FullmaktTestData;

namespace CitizenServices.UnitTests.Fullmakt;

/// <summary>Rule: a death ends representation both ways; the deceased's fullmakter end in storage with an event.</summary>
public sealed class FullmaktDeathTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void End_WhenEitherPartyDied_EndsItNowByDeathNamingTheDeceased(bool giverDied)
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"), "2027-06-30");
        var deceased = giverDied ? Adult : KariMother;

        var (ended, changed) = FullmaktDeath.End(fullmakt, deceased, Noon("2026-11-23"));

        Assert.True(changed);
        Assert.Equal(new FullmaktEnding(Noon("2026-11-23"), Domain.Fullmakt.FullmaktEndedBy.Death, deceased), ended.Ending);
        Assert.Equal(FullmaktStatus.Ended, ended.StatusAt(Noon("2026-11-23")));
    }

    [Fact]
    public void End_WhenAlreadyEndedOrExpired_ChangesNothing()
    {
        var ended = FullmaktRules.End(Granted(Adult, KariMother, Noon("2026-11-01")), Adult, Noon("2026-11-10")).Value.Fullmakt;
        var expired = Granted(Adult, KariMother, Noon("2026-11-01"), "2026-11-15");

        Assert.False(FullmaktDeath.End(ended, Adult, Noon("2026-11-23")).Changed);
        Assert.Equal(ended, FullmaktDeath.End(ended, Adult, Noon("2026-11-23")).Fullmakt);
        Assert.False(FullmaktDeath.End(expired, KariMother, Noon("2026-11-23")).Changed);
    }

    [Fact]
    public void End_WhenTheDeceasedIsNoParty_IsRefused()
    {
        var fullmakt = Granted(Adult, KariMother, Noon("2026-11-01"));

        Assert.Throws<ArgumentException>(() => FullmaktDeath.End(fullmakt, Born20080615, Noon("2026-11-23")));
    }

    [Fact]
    public void Ended_WhenADeathEndedIt_IsExpiryWithReasonDeathAndTheDeceased()
    {
        var (ended, _) = FullmaktDeath.End(Granted(Adult, KariMother, Noon("2026-11-01")), KariMother, Noon("2026-11-23"));

        var e = FullmaktEvents.Ended(ended);

        Assert.Equal(EventTypes.FullmaktEnded, e.Type);
        Assert.Equal(Adult, e.Subject);
        var data = Assert.IsType<FullmaktEnded>(e.Data);
        Assert.Equal(Domain.Events.FullmaktEndedBy.Expiry, data.EndedBy);
        Assert.Equal(FullmaktEndReason.Death, data.Reason);
        Assert.Equal(KariMother, data.Deceased);
        Assert.Null(data.Validate());
    }

    [Fact]
    public void Ended_WhenAPartyEndedIt_CarriesNoReasonInItsJson()
    {
        var ended = FullmaktRules.End(Granted(Adult, KariMother, Noon("2026-11-01")), Adult, Noon("2026-11-23")).Value.Fullmakt;

        var json = JsonSerializer.SerializeToElement((object)FullmaktEvents.Ended(ended).Data, EventEnvelope.SerializerOptions);

        // Schema v1 as before for every ending a party made: the optional properties are absent, not null.
        Assert.False(json.TryGetProperty("reason", out _));
        Assert.False(json.TryGetProperty("deceased", out _));
        Assert.Equal("giver", json.GetProperty("endedBy").GetString());
    }

    [Theory]
    [InlineData(FullmaktEndReason.Death, null, "deceased is required when reason is death.")]
    [InlineData(FullmaktEndReason.Death, "15061050059", "deceased must be the giver or the representative.")]
    [InlineData(null, "01018010018", "deceased is only given with reason death.")]
    public void Validate_WhenReasonAndDeceasedDisagree_NamesTheRule(FullmaktEndReason? reason, string? deceased, string expected)
    {
        var data = new FullmaktEnded(Guid.NewGuid(), Adult, KariMother, Domain.Events.FullmaktEndedBy.Expiry, Noon("2026-11-23"), reason,
            deceased is null ? null : NationalIdentityNumber.Parse(deceased));

        Assert.Equal(expected, data.Validate());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plan_WhenADeathEndedIt_NotifiesOnlyTheSurvivor(bool giverDied)
    {
        var deceased = giverDied ? EventSamples.KariMother : EventSamples.OlaFather;
        var survivor = giverDied ? EventSamples.OlaFather : EventSamples.KariMother;
        var data = new FullmaktEnded(
            Guid.NewGuid(), EventSamples.KariMother, EventSamples.OlaFather, Domain.Events.FullmaktEndedBy.Expiry, EventSamples.Clock().GetUtcNow(), FullmaktEndReason.Death, deceased);
        var envelope = EventSamples.Envelope(EventTypes.FullmaktEnded, EventSamples.KariMother, data);
        Assert.True(EventData.TryRead(envelope, out var read, out _, out var error), error);

        var requests = NotificationPlanner.Plan(envelope, read!);

        Assert.Equal([survivor], requests.Select(r => r.Recipient).Distinct().ToArray());
        var inbox = Assert.Single(requests, r => r.Channel == NotificationChannel.Inbox);
        Assert.Equal(giverDied ? "fullmakt-ended-representative" : "fullmakt-ended-giver", inbox.Template);
        Assert.Equal("death", inbox.Parameters["endedBy"]);
    }
}
