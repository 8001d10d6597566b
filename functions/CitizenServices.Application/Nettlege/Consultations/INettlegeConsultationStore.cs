namespace CitizenServices.Application.Nettlege.Consultations;

/// <summary>Completed nettlege consultations, one per appointment, never changed once stored.</summary>
public interface INettlegeConsultationStore
{
    /// <summary>
    /// Stores <paramref name="consultation"/> with <paramref name="completed"/> in the outbox, in one transaction. When the
    /// appointment was completed before, nothing is written and the stored consultation is returned instead.
    /// </summary>
    Task<ConsultationSave> CompleteAsync(CompletedConsultation consultation, DomainEvent completed, CancellationToken cancellationToken);

    Task<CompletedConsultation?> FindAsync(Guid appointmentId, CancellationToken cancellationToken);
}

/// <param name="Consultation">What is stored: the new consultation, or the earlier one when <paramref name="Created"/> is false.</param>
public sealed record ConsultationSave(CompletedConsultation Consultation, bool Created);
