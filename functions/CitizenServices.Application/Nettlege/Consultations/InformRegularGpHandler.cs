using CitizenServices.Application.RegularGps;

namespace CitizenServices.Application.Nettlege.Consultations;

/// <summary>What the informer does with one event: the messages to send, or why none is sent.</summary>
/// <param name="NotSentReason">
/// Null when a message is sent or the event is not for the GP; else a reason for the log (no regular GP, patient not in
/// the register). The consultation stays stored either way.
/// </param>
public sealed record RegularGpInformation(IReadOnlyList<RegularGpMessage> Messages, string? NotSentReason)
{
    public static RegularGpInformation None { get; } = new([], null);
}

/// <summary>
/// Informs a citizen's regular GP after a nettlege consultation (function <c>FastlegeInformer</c>, subscription
/// <c>citizen-events/fastlege</c>). Other event types on the subscription are ignored. The event carries no summary;
/// it is read from the consultation store, so the health content reaches only this consumer.
/// </summary>
public sealed class InformRegularGpHandler(
    IEventInbox inbox,
    IParkingLot parkingLot,
    INettlegeConsultationStore consultations,
    IRegularGpRegister regularGps,
    IPopulationRegister register,
    TimeProvider time)
{
    public const string Consumer = "fastlege-informer";

    /// <summary>Throws only on infrastructure faults, so the message is redelivered.</summary>
    public async Task<ConsumeResult<RegularGpInformation>> HandleAsync(ReceivedEvent received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);

        // Reading is pure: a body that breaks the reader itself parks, like one that breaks the schema.
        EventEnvelope? envelope = null;
        string? error = null;
        if (!MessageFaults.TryPure("read", () => EventEnvelope.TryParse(received.Body.Span, out envelope, out error), out var readable, out var fault)
            || !readable)
        {
            return await ParkAsync(received, envelope, (error ?? fault)!, cancellationToken);
        }

        if (envelope!.Type != EventTypes.NettlegeConsultationCompleted)
        {
            return new(ConsumeOutcome.Handled, RegularGpInformation.None, envelope, null);
        }

        object? data = null;
        if (!MessageFaults.TryPure("read data", () => EventData.TryRead(envelope, out data, out _, out error), out readable, out fault) || !readable)
        {
            return await ParkAsync(received, envelope, (error ?? fault)!, cancellationToken);
        }

        var completed = (NettlegeConsultationCompleted)data!;
        if (await consultations.FindAsync(completed.AppointmentId, cancellationToken) is not { } consultation
            || consultation.Subject != completed.Subject)
        {
            // The event commits with the consultation in one transaction, so this is a producer fault, not a race.
            return await ParkAsync(
                received, envelope, $"No completed consultation for appointment {completed.AppointmentId} of the event's subject.", cancellationToken);
        }

        var information = await PlanAsync(envelope, consultation, cancellationToken);
        var claim = await inbox.ClaimAsync(Consumer, envelope.EventId, received.MessageId, cancellationToken);
        return claim == InboxClaim.Duplicate
            ? new(ConsumeOutcome.Duplicate, RegularGpInformation.None, envelope, null)
            : new(ConsumeOutcome.Handled, information, envelope, null);
    }

    private async Task<RegularGpInformation> PlanAsync(EventEnvelope envelope, CompletedConsultation consultation, CancellationToken cancellationToken)
    {
        if (await regularGps.FindRegularGpAsync(consultation.Subject, cancellationToken) is not { } gp)
        {
            return new([], "no-regular-gp");
        }

        if (await register.FindAsync(consultation.Subject, cancellationToken) is not { } patient)
        {
            return new([], "patient-not-in-register");
        }

        var message = new RegularGpMessage(
            RegularGpMessage.IdFor(envelope.EventId, gp.HprNumber),
            RegularGpMessage.Type,
            1,
            envelope.EventId,
            time.GetUtcNow(),
            new RegularGpMessageRecipient(gp.HprNumber, gp.Name, gp.Office, gp.HerId),
            new RegularGpMessagePatient(patient.Id.Value, patient.GivenName, patient.FamilyName),
            new RegularGpMessageConsultation(
                consultation.AppointmentId, consultation.Municipality, "video", consultation.Start, consultation.End,
                consultation.CompletedAt, consultation.Summary));
        return new([message], null);
    }

    private async Task<ConsumeResult<RegularGpInformation>> ParkAsync(
        ReceivedEvent received, EventEnvelope? envelope, string reason, CancellationToken cancellationToken)
    {
        await parkingLot.ParkAsync(
            new ParkedMessage(Consumer, reason, received.Body, received.MessageId, received.DeliveryCount, time.GetUtcNow()), cancellationToken);
        return new(ConsumeOutcome.Parked, RegularGpInformation.None, envelope, reason);
    }
}
