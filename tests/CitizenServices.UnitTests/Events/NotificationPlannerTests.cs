using FullmaktEndedBy = CitizenServices.Domain.Events.FullmaktEndedBy;

namespace CitizenServices.UnitTests.Events;

public sealed class NotificationPlannerTests
{
    private static IReadOnlyList<NotificationRequest> Plan(EventEnvelope envelope)
    {
        Assert.True(EventData.TryRead(envelope, out var data, out _, out var error), error);
        return NotificationPlanner.Plan(envelope, data!);
    }

    [Fact]
    public void Plan_WhenFullmaktGranted_NotifiesBothPartiesOnEveryChannel()
    {
        var requests = Plan(EventSamples.Envelope(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted()));

        Assert.Equal(6, requests.Count);
        Assert.Equal([EventSamples.KariMother, EventSamples.OlaFather], requests.Select(r => r.Recipient).Distinct().ToArray());
        Assert.Contains(requests, r => r.Recipient == EventSamples.KariMother && r.Template == "fullmakt-granted-giver" && r.Channel == NotificationChannel.Inbox);
        Assert.Contains(requests, r => r.Recipient == EventSamples.OlaFather && r.Template == "fullmakt-granted-representative" && r.Channel == NotificationChannel.Inbox);
    }

    [Theory]
    [InlineData(EventTypes.FullmaktEnded)]
    [InlineData(EventTypes.FullmaktExpiring)]
    public void Plan_WhenFullmaktEndsOrExpires_NotifiesBothParties(string type)
    {
        object data = type == EventTypes.FullmaktEnded
            ? new FullmaktEnded(Guid.NewGuid(), EventSamples.KariMother, EventSamples.OlaFather, FullmaktEndedBy.Representative, EventSamples.Clock().GetUtcNow())
            : new FullmaktExpiring(Guid.NewGuid(), EventSamples.KariMother, EventSamples.OlaFather, new DateOnly(2026, 4, 1));

        var recipients = Plan(EventSamples.Envelope(type, EventSamples.KariMother, data)).Select(r => r.Recipient).Distinct().ToArray();

        Assert.Equal([EventSamples.KariMother, EventSamples.OlaFather], recipients);
    }

    [Fact]
    public void Plan_WhenVoluntaryPlacementRegistered_NotifiesFosterParentsAndParents()
    {
        var requests = Plan(EventSamples.Envelope(
            EventTypes.FosterRelationRegistered, EventSamples.EmmaUnder12, EventSamples.Foster(FosterCareLegalBasis.VoluntaryPlacement, false)));

        Assert.Contains(requests, r => r.Recipient == EventSamples.KariMother && r.Template == "foster-relation-registered-foster-parent");
        Assert.Contains(requests, r => r.Recipient == EventSamples.OlaFather && r.Template == "foster-relation-registered-parent");
        Assert.DoesNotContain(requests, r => r.Recipient == EventSamples.EmmaUnder12);
    }

    [Fact]
    public void Plan_WhenCareOrderWithoutParentalDigitalAccess_NotifiesOnlyFosterParents()
    {
        var requests = Plan(EventSamples.Envelope(
            EventTypes.FosterRelationChanged, EventSamples.EmmaUnder12, EventSamples.Foster(FosterCareLegalBasis.CareOrder, false)));

        Assert.Equal([EventSamples.KariMother], requests.Select(r => r.Recipient).Distinct().ToArray());
    }

    [Fact]
    public void Plan_WhenCareOrderKeepsParentalDigitalAccess_NotifiesParentsToo()
    {
        var requests = Plan(EventSamples.Envelope(
            EventTypes.FosterRelationEnded, EventSamples.EmmaUnder12, EventSamples.Foster(FosterCareLegalBasis.CareOrder, true)));

        Assert.Contains(requests, r => r.Recipient == EventSamples.OlaFather && r.Template == "foster-relation-ended-parent");
    }

    [Fact]
    public void Plan_WhenParentsAreNotified_TheirParametersNeverNameFosterParentsOrChild()
    {
        var requests = Plan(EventSamples.Envelope(
            EventTypes.FosterRelationRegistered, EventSamples.EmmaUnder12, EventSamples.Foster(FosterCareLegalBasis.VoluntaryPlacement, true)));

        var parentValues = requests.Where(r => r.Recipient == EventSamples.OlaFather).SelectMany(r => r.Parameters.Values).ToList();
        Assert.Contains(requests, r => r.Recipient == EventSamples.OlaFather);
        Assert.DoesNotContain(parentValues, v => v.Contains(EventSamples.KariMother.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(parentValues, v => v.Contains(EventSamples.EmmaUnder12.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(requests.Where(r => r.Recipient == EventSamples.OlaFather).SelectMany(r => r.Parameters.Keys), k => k == "version");
    }

    [Fact]
    public void Plan_WhenGuardianshipChanged_NotifiesWardAndEveryGuardian()
    {
        var recipients = Plan(EventSamples.Envelope(EventTypes.GuardianshipChanged, EventSamples.OlaFather, EventSamples.Guardianship()))
            .Select(r => r.Recipient).Distinct().ToArray();

        Assert.Equal([EventSamples.OlaFather, EventSamples.KariMother, EventSamples.Unregistered], recipients);
    }

    [Fact]
    public void Plan_WhenAnyEventType_SmsAndEmailCarryOnlyTheGenericNudgeWithoutParameters()
    {
        foreach (var envelope in EventSamples.OneOfEachType().Where(e => !NotificationPlanner.SilentTypes.Contains(e.Type)))
        {
            var nudges = Plan(envelope).Where(r => r.Channel is NotificationChannel.Sms or NotificationChannel.Email).ToList();

            Assert.NotEmpty(nudges);
            Assert.All(nudges, r =>
            {
                Assert.Equal(NotificationPlanner.NudgeTemplate, r.Template);
                Assert.All(r.Parameters.Keys, k => Assert.Contains(k, NotificationPlanner.NudgeParameterAllowList));
            });

            // Nothing from the event's data (service areas such as health records, relation details, other people)
            // may reach a channel outside Helsenorge's login.
            var nudgeJson = JsonSerializer.Serialize(nudges.Select(n => new { n.Template, n.Parameters }), EventEnvelope.SerializerOptions);
            Assert.DoesNotContain("health", nudgeJson, StringComparison.OrdinalIgnoreCase);
            foreach (var property in envelope.Data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                Assert.DoesNotContain(property.Value.GetString()!, nudgeJson, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Plan_WhenEveryEventType_EveryTemplateIsInTheRuleTable()
    {
        var templates = NotificationPlanner.Rules.Select(r => r.InboxTemplate).Append(NotificationPlanner.NudgeTemplate).ToHashSet();

        foreach (var envelope in EventSamples.OneOfEachType())
        {
            Assert.All(Plan(envelope), r => Assert.Contains(r.Template, templates));
        }

        Assert.Equal(
            EventTypes.CurrentVersions.Keys.Except(NotificationPlanner.SilentTypes).Order(),
            NotificationPlanner.Rules.Select(r => r.EventType).Distinct().Order());
    }

    [Fact]
    public void Plan_WhenACareRelationCommandIsRejected_NotifiesNobody()
    {
        var silent = Assert.Single(EventSamples.OneOfEachType(), e => e.Type == EventTypes.CareRelationCommandRejected);

        Assert.Empty(Plan(silent));
    }

    [Fact]
    public void Plan_WhenOnePersonHasTwoRoles_NotifiesThemOncePerChannel()
    {
        var guardianship = EventSamples.Guardianship() with { Guardians = [EventSamples.OlaFather, EventSamples.KariMother] };

        var requests = Plan(EventSamples.Envelope(EventTypes.GuardianshipChanged, EventSamples.OlaFather, guardianship));

        Assert.Equal(requests.Count, requests.Select(r => r.NotificationId).Distinct().Count());
        Assert.Equal(6, requests.Count);
    }

    [Fact]
    public void DeterministicId_WhenSameEventRecipientAndChannel_IsEqual_AndDiffersOtherwise()
    {
        var eventId = Guid.NewGuid();

        var id = NotificationRequest.DeterministicId(eventId, EventSamples.KariMother, NotificationChannel.Sms);

        Assert.Equal(id, NotificationRequest.DeterministicId(eventId, EventSamples.KariMother, NotificationChannel.Sms));
        Assert.NotEqual(id, NotificationRequest.DeterministicId(eventId, EventSamples.KariMother, NotificationChannel.Email));
        Assert.NotEqual(id, NotificationRequest.DeterministicId(eventId, EventSamples.OlaFather, NotificationChannel.Sms));
        Assert.NotEqual(id, NotificationRequest.DeterministicId(Guid.NewGuid(), EventSamples.KariMother, NotificationChannel.Sms));
        Assert.Equal(8, id.Version);
    }

    [Fact]
    public void Plan_WhenSameEventPlannedTwice_YieldsTheSameNotificationIds()
    {
        var envelope = EventSamples.Envelope(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted());

        // Planning twice (a redelivered event) must give ids the notification service can dedupe on.
        var first = Plan(envelope).Select(r => r.NotificationId).ToList();
        var second = Plan(envelope).Select(r => r.NotificationId).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(
            Plan(envelope).Select(r => NotificationRequest.DeterministicId(envelope.EventId, r.Recipient, r.Channel)),
            first);
    }
}
