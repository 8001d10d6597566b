using FullmaktEndedBy = CitizenServices.Domain.Events.FullmaktEndedBy;

using CitizenServices.Application.Events;

namespace CitizenServices.UnitTests.Events;

/// <summary>Synthetic people (valid numbers, month + 80) and one event of each type.</summary>
internal static class EventSamples
{
    public static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    public static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);
    public static readonly NationalIdentityNumber EmmaUnder12 = NationalIdentityNumber.Parse(Seed.EmmaUnder12);
    /// <summary>Made up (month + 80): a person the register does not know.</summary>
    public static readonly NationalIdentityNumber Unregistered = NationalIdentityNumber.Parse("01897510150");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    public static FullmaktGranted Granted() =>
        new(Guid.NewGuid(), KariMother, OlaFather, ["appointments", "health-records"], new DateOnly(2026, 3, 2), null);

    public static FosterRelationData Foster(FosterCareLegalBasis basis, bool parentsKeepDigitalAccess) =>
        new(Guid.NewGuid(), 1, EmmaUnder12, [KariMother], [OlaFather], basis, parentsKeepDigitalAccess, "0301", new DateOnly(2026, 3, 1), null);

    public static GuardianshipChanged Guardianship() =>
        new(Guid.NewGuid(), OlaFather, [KariMother, Unregistered], GuardianshipChange.Appointed, new DateOnly(2026, 4, 1));

    /// <summary>An envelope as a consumer receives it: built by the producer, serialized, parsed back.</summary>
    public static EventEnvelope Envelope(string type, NationalIdentityNumber subject, object data)
    {
        var domainEvent = DomainEvent.Create(type, subject, data, Clock(), "corr-1");
        var bytes = domainEvent.ToEnvelope(new OutboxReference("outbox", subject.Value)).ToUtf8Json();
        Assert.True(EventEnvelope.TryParse(bytes, out var envelope, out var error), error);
        return envelope!;
    }

    /// <summary>One envelope of every type the planner knows, with data that fans out to every role.</summary>
    public static IEnumerable<EventEnvelope> OneOfEachType()
    {
        yield return Envelope(EventTypes.FullmaktGranted, KariMother, Granted());
        yield return Envelope(EventTypes.FullmaktEnded, KariMother, new FullmaktEnded(Guid.NewGuid(), KariMother, OlaFather, FullmaktEndedBy.Giver, Clock().GetUtcNow()));
        yield return Envelope(EventTypes.FullmaktExpiring, KariMother, new FullmaktExpiring(Guid.NewGuid(), KariMother, OlaFather, new DateOnly(2026, 4, 1)));
        yield return Envelope(EventTypes.FosterRelationRegistered, EmmaUnder12, Foster(FosterCareLegalBasis.VoluntaryPlacement, true));
        yield return Envelope(EventTypes.FosterRelationChanged, EmmaUnder12, Foster(FosterCareLegalBasis.CareOrder, true));
        yield return Envelope(EventTypes.FosterRelationEnded, EmmaUnder12, Foster(FosterCareLegalBasis.VoluntaryPlacement, false));
        yield return Envelope(EventTypes.GuardianshipChanged, OlaFather, Guardianship());
        yield return Envelope(EventTypes.ConsentDecisionChanged, EmmaUnder12, new ConsentDecisionChanged(
            "reservation-summary-care-record", "reservation", EmmaUnder12, "reserved", "2.0", null, Clock().GetUtcNow(), "parent", 1));
        var start = new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        yield return Envelope(EventTypes.AppointmentBooked, EmmaUnder12,
            new AppointmentBooked(id, EmmaUnder12, KariMother, "legesenter-0301", "gp", "20260330T0800Z-00", start, start.AddMinutes(20), "in-person"));
        yield return Envelope(EventTypes.AppointmentRescheduled, EmmaUnder12,
            new AppointmentRescheduled(id, EmmaUnder12, KariMother, "legesenter-0301", "20260330T0800Z-00", start, "20260331T0800Z-00", start.AddDays(1), "in-person"));
        yield return Envelope(EventTypes.AppointmentCancelled, EmmaUnder12,
            new AppointmentCancelled(id, EmmaUnder12, KariMother, "legesenter-0301", "20260331T0800Z-00", start.AddDays(1)));
        yield return Envelope(EventTypes.AppointmentReminderDue, EmmaUnder12,
            new AppointmentReminderDue(id, EmmaUnder12, "legesenter-0301", "20260331T0800Z-00", start.AddDays(1), "in-person"));
        yield return Envelope(EventTypes.CareRelationCommandRejected, EmmaUnder12, new CareRelationCommandRejected(
            Guid.NewGuid(), EmmaUnder12, null, "BV-2026-00417", 1, "0301", "https://citizen-services.helsenorge.no/problems/carer-required",
            "carer-required", "fosterParents", "Name one or two foster parents, or an institution."));
    }
}
