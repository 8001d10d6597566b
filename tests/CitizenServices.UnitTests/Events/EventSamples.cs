using FullmaktEndedBy = CitizenServices.Domain.Events.FullmaktEndedBy;

using CitizenServices.Application.Events;

namespace CitizenServices.UnitTests.Events;

/// <summary>Synthetic people (valid numbers, month + 80) and one event of each type.</summary>
internal static class EventSamples
{
    public static readonly NationalIdentityNumber Kari = NationalIdentityNumber.Parse("14838510036");
    public static readonly NationalIdentityNumber Ola = NationalIdentityNumber.Parse("02918320167");
    public static readonly NationalIdentityNumber Emma = NationalIdentityNumber.Parse("05861950001");
    public static readonly NationalIdentityNumber Nora = NationalIdentityNumber.Parse("01897510150");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    public static FullmaktGranted Granted() =>
        new(Guid.NewGuid(), Kari, Ola, ["appointments", "health-records"], new DateOnly(2026, 3, 2), null);

    public static FosterRelationData Foster(FosterCareLegalBasis basis, bool parentsKeepDigitalAccess) =>
        new(Guid.NewGuid(), 1, Emma, [Kari], [Ola], basis, parentsKeepDigitalAccess, "0301", new DateOnly(2026, 3, 1), null);

    public static GuardianshipChanged Guardianship() =>
        new(Guid.NewGuid(), Ola, [Kari, Nora], GuardianshipChange.Appointed, new DateOnly(2026, 4, 1));

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
        yield return Envelope(EventTypes.FullmaktGranted, Kari, Granted());
        yield return Envelope(EventTypes.FullmaktEnded, Kari, new FullmaktEnded(Guid.NewGuid(), Kari, Ola, FullmaktEndedBy.Giver, Clock().GetUtcNow()));
        yield return Envelope(EventTypes.FullmaktExpiring, Kari, new FullmaktExpiring(Guid.NewGuid(), Kari, Ola, new DateOnly(2026, 4, 1)));
        yield return Envelope(EventTypes.FosterRelationRegistered, Emma, Foster(FosterCareLegalBasis.VoluntaryPlacement, true));
        yield return Envelope(EventTypes.FosterRelationChanged, Emma, Foster(FosterCareLegalBasis.CareOrder, true));
        yield return Envelope(EventTypes.FosterRelationEnded, Emma, Foster(FosterCareLegalBasis.VoluntaryPlacement, false));
        yield return Envelope(EventTypes.GuardianshipChanged, Ola, Guardianship());
        yield return Envelope(EventTypes.ConsentDecisionChanged, Emma, new ConsentDecisionChanged(
            "reservation-summary-care-record", "reservation", Emma, "reserved", "2.0", null, Clock().GetUtcNow(), "parent", 1));
        var start = new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        yield return Envelope(EventTypes.AppointmentBooked, Emma,
            new AppointmentBooked(id, Emma, Kari, "legesenter-0301", "gp", "20260330T0800Z-00", start, start.AddMinutes(20), "in-person"));
        yield return Envelope(EventTypes.AppointmentRescheduled, Emma,
            new AppointmentRescheduled(id, Emma, Kari, "legesenter-0301", "20260330T0800Z-00", start, "20260331T0800Z-00", start.AddDays(1), "in-person"));
        yield return Envelope(EventTypes.AppointmentCancelled, Emma,
            new AppointmentCancelled(id, Emma, Kari, "legesenter-0301", "20260331T0800Z-00", start.AddDays(1)));
        yield return Envelope(EventTypes.AppointmentReminderDue, Emma,
            new AppointmentReminderDue(id, Emma, "legesenter-0301", "20260331T0800Z-00", start.AddDays(1), "in-person"));
        yield return Envelope(EventTypes.CareRelationCommandRejected, Emma, new CareRelationCommandRejected(
            Guid.NewGuid(), Emma, null, "BV-2026-00417", 1, "0301", "https://citizen-services.helsenorge.no/problems/carer-required",
            "carer-required", "fosterParents", "Name one or two foster parents, or an institution."));
    }
}
