namespace CitizenServices.Application.Nettlege.Consultations;

/// <param name="Municipality">The completing clinician's municipality (claim): only its own nettlege schedule is searched.</param>
/// <param name="CompletedBy">The clinician's workforce object id.</param>
public sealed record CompleteConsultationRequest(Guid AppointmentId, string Municipality, string CompletedBy, string? Summary, string? CorrelationId);

/// <param name="Repeated">Completed before with the same summary: a retry, nothing written.</param>
public sealed record ConsultationCompleted(CompletedConsultation Consultation, bool Repeated);

/// <summary>The errors of completing a consultation.</summary>
public static class CompleteConsultationErrors
{
    /// <summary>No booked nettlege appointment with this id in the caller's municipality within the completion window.</summary>
    public static Error AppointmentNotFound { get; } = Error.NotFound("appointment-not-found", "appointmentId",
        "No booked nettlege appointment with this id in your municipality's nettlege schedule that started within the last 8 days.");

    /// <summary>Completed before with another summary: a summary sent to the GP is never replaced.</summary>
    public static Error CompletedWithOtherSummary { get; } = Error.Conflict("consultation-already-completed", "summary",
        "The consultation is already completed with another summary. A summary sent to the regular GP is not replaced; send a correction through the GP's usual channel.");
}

/// <summary>
/// Completes a nettlege video consultation (docs/nettlege.md, "Completing a consultation"). The appointment is found
/// through the caller's municipality's nettlege schedule (a booked slot names its appointment and subject) and
/// confirmed in the subject's partition, which is the truth about appointments. The consultation and the event
/// <c>nettlege-consultation.completed</c> are stored in one transaction; <c>FastlegeInformer</c> then informs the GP.
/// </summary>
public sealed class CompleteConsultationHandler(
    IScheduleStore schedules, IAppointmentStore appointments, INettlegeConsultationStore consultations, TimeProvider time)
{
    public async Task<Result<ConsultationCompleted>> HandleAsync(CompleteConsultationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ConsultationRules.ValidateSummary(request.Summary) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var scheduleId = NettlegeSchedule.IdFor(request.Municipality);
        if (await consultations.FindAsync(request.AppointmentId, cancellationToken) is { } earlier)
        {
            // A retry after the slot has moved on (or the window has passed) still gets its answer.
            return earlier.ScheduleId != scheduleId ? CompleteConsultationErrors.AppointmentNotFound : Repeated(earlier, request.Summary!);
        }

        // A day beyond the window, so a completion a little too late is told why instead of "not found".
        var slot = await schedules.FindSlotByAppointmentAsync(
            scheduleId, request.AppointmentId, now - ConsultationRules.CompletionWindow - TimeSpan.FromDays(1), cancellationToken);
        if (slot?.BookedFor is not { } subject)
        {
            return CompleteConsultationErrors.AppointmentNotFound;
        }

        var loaded = await appointments.LoadAsync(subject, cancellationToken);
        if (loaded.Find(request.AppointmentId) is not { } appointment || !appointment.Holds(scheduleId, slot.Id))
        {
            return CompleteConsultationErrors.AppointmentNotFound;
        }

        if (ConsultationRules.ValidateTime(appointment.Start, now) is { } tooEarlyOrLate)
        {
            return tooEarlyOrLate;
        }

        var consultation = new CompletedConsultation(
            appointment.Id, subject, request.Municipality, scheduleId, appointment.Start, appointment.Start + appointment.Length,
            request.Summary!, request.CompletedBy, now);
        var completed = DomainEvent.Create(
            EventTypes.NettlegeConsultationCompleted,
            subject,
            new NettlegeConsultationCompleted(consultation.AppointmentId, subject, consultation.Municipality, consultation.Start, consultation.End, now),
            now,
            request.CorrelationId);
        var saved = await consultations.CompleteAsync(consultation, completed, cancellationToken);
        return saved.Created ? new ConsultationCompleted(saved.Consultation, Repeated: false) : Repeated(saved.Consultation, request.Summary!);
    }

    private static Result<ConsultationCompleted> Repeated(CompletedConsultation earlier, string summary) =>
        string.Equals(earlier.Summary, summary, StringComparison.Ordinal)
            ? new ConsultationCompleted(earlier, Repeated: true)
            : CompleteConsultationErrors.CompletedWithOtherSummary;
}
