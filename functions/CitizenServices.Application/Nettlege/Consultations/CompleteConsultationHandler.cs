using CitizenServices.Application.Booking;
using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Nettlege;
using CitizenServices.Domain.Nettlege.Consultations;

namespace CitizenServices.Application.Nettlege.Consultations;

/// <param name="Municipality">The completing clinician's municipality (claim): only its own nettlege schedule is searched.</param>
/// <param name="CompletedBy">The clinician's workforce object id.</param>
public sealed record CompleteConsultationRequest(Guid AppointmentId, string Municipality, string CompletedBy, string? Summary, string? CorrelationId);

public enum CompleteConsultationOutcome
{
    /// <summary>Stored now, with its event.</summary>
    Completed,

    /// <summary>Completed before with the same summary: a retry, nothing written.</summary>
    AlreadyCompleted,

    /// <summary>No booked nettlege appointment with this id in the caller's municipality within the completion window.</summary>
    NotFound,

    /// <summary>Completed before with another summary: a summary sent to the GP is never replaced.</summary>
    CompletedWithOtherSummary,

    /// <summary>The request breaks a rule (<see cref="CompleteConsultationResult.Problem"/>); nothing written.</summary>
    Invalid,
}

public sealed record CompleteConsultationResult(CompleteConsultationOutcome Outcome, CompletedConsultation? Consultation, NettlegeProblem? Problem);

/// <summary>
/// Completes a nettlege video consultation (docs/nettlege.md, "Completing a consultation"). The appointment is found
/// through the caller's municipality's nettlege schedule (a booked slot names its appointment and subject) and
/// confirmed in the subject's partition, which is the truth about appointments. The consultation and the event
/// <c>nettlege-consultation.completed</c> are stored in one transaction; <c>FastlegeInformer</c> then informs the GP.
/// </summary>
public sealed class CompleteConsultationHandler(
    IScheduleStore schedules, IAppointmentStore appointments, INettlegeConsultationStore consultations, TimeProvider time)
{
    public async Task<CompleteConsultationResult> HandleAsync(CompleteConsultationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ConsultationRules.ValidateSummary(request.Summary) is { } invalid)
        {
            return new(CompleteConsultationOutcome.Invalid, null, invalid);
        }

        var now = time.GetUtcNow();
        var scheduleId = NettlegeSchedule.IdFor(request.Municipality);
        if (await consultations.FindAsync(request.AppointmentId, cancellationToken) is { } earlier)
        {
            // A retry after the slot has moved on (or the window has passed) still gets its answer.
            return earlier.ScheduleId != scheduleId ? new(CompleteConsultationOutcome.NotFound, null, null) : Repeated(earlier, request.Summary!);
        }

        // A day beyond the window, so a completion a little too late is told why instead of "not found".
        var slot = await schedules.FindSlotByAppointmentAsync(
            scheduleId, request.AppointmentId, now - ConsultationRules.CompletionWindow - TimeSpan.FromDays(1), cancellationToken);
        if (slot?.BookedFor is not { } subject)
        {
            return new(CompleteConsultationOutcome.NotFound, null, null);
        }

        var loaded = await appointments.LoadAsync(subject, cancellationToken);
        if (loaded.Find(request.AppointmentId) is not { } appointment || !appointment.Holds(scheduleId, slot.Id))
        {
            return new(CompleteConsultationOutcome.NotFound, null, null);
        }

        if (ConsultationRules.ValidateTime(appointment.Start, now) is { } tooEarlyOrLate)
        {
            return new(CompleteConsultationOutcome.Invalid, null, tooEarlyOrLate);
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
        return saved.Created ? new(CompleteConsultationOutcome.Completed, saved.Consultation, null) : Repeated(saved.Consultation, request.Summary!);
    }

    private static CompleteConsultationResult Repeated(CompletedConsultation earlier, string summary) =>
        string.Equals(earlier.Summary, summary, StringComparison.Ordinal)
            ? new(CompleteConsultationOutcome.AlreadyCompleted, earlier, null)
            : new(CompleteConsultationOutcome.CompletedWithOtherSummary, earlier, null);
}
