using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Domain.Nettlege.Consultations;

namespace CitizenServices.Infrastructure.Nettlege;

/// <summary>
/// <see cref="INettlegeConsultationStore"/> on table <c>nettlegeconsultations</c> (docs/nettlege.md). PartitionKey = the
/// appointment id (<c>N</c> format), RowKey <c>consultation</c>; the outbox rows of its event share the partition, so
/// the consultation and <c>nettlege-consultation.completed</c> commit together. The row is added, never replaced:
/// completing twice cannot change the summary the GP was sent.
/// </summary>
public sealed class TableNettlegeConsultationStore(BoundedTable table, TableEventOutbox outbox) : INettlegeConsultationStore
{
    private const string RowKey = "consultation";

    public async Task<ConsultationSave> CompleteAsync(CompletedConsultation consultation, DomainEvent completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        ArgumentNullException.ThrowIfNull(completed);
        var partition = PartitionKey(consultation.AppointmentId);
        var result = await outbox.SubmitAsync(
            new EventPartition(table.Name, partition),
            [new TableTransactionAction(TableTransactionActionType.Add, Row(consultation))],
            [completed],
            cancellationToken);
        if (result.Succeeded)
        {
            return new ConsultationSave(consultation, Created: true);
        }

        // The consultation row (action 0) exists: completed before, by a retry or a concurrent twin.
        if (result.Outcome == TableWriteOutcome.AlreadyExists && result.FailedActionIndex == 0
            && await FindAsync(consultation.AppointmentId, cancellationToken) is { } earlier)
        {
            return new ConsultationSave(earlier, Created: false);
        }

        throw new InvalidOperationException(
            $"Completing the consultation of appointment {consultation.AppointmentId:N} failed with {result.Outcome} at action {result.FailedActionIndex}.");
    }

    public async Task<CompletedConsultation?> FindAsync(Guid appointmentId, CancellationToken cancellationToken) =>
        await table.GetAsync<TableEntity>(PartitionKey(appointmentId), RowKey, cancellationToken: cancellationToken) is { } row
            ? Read(row, appointmentId)
            : null;

    private static string PartitionKey(Guid appointmentId) => appointmentId.ToString("N");

    private static TableEntity Row(CompletedConsultation c) => new(PartitionKey(c.AppointmentId), RowKey)
    {
        ["Subject"] = c.Subject.Value,
        ["Municipality"] = c.Municipality,
        ["ScheduleId"] = c.ScheduleId,
        ["Start"] = c.Start,
        ["End"] = c.End,
        ["Summary"] = c.Summary,
        ["CompletedBy"] = c.CompletedBy,
        ["CompletedAt"] = c.CompletedAt,
    };

    private static CompletedConsultation Read(TableEntity row, Guid appointmentId)
    {
        if (!NationalIdentityNumber.TryParse(row.GetString("Subject"), out var subject)
            || row.GetString("Municipality") is not { } municipality || row.GetString("ScheduleId") is not { } scheduleId
            || row.GetDateTimeOffset("Start") is not { } start || row.GetDateTimeOffset("End") is not { } end
            || row.GetString("Summary") is not { } summary || row.GetString("CompletedBy") is not { } completedBy
            || row.GetDateTimeOffset("CompletedAt") is not { } completedAt)
        {
            throw new InvalidOperationException($"Consultation row of appointment {appointmentId:N} is malformed.");
        }

        return new CompletedConsultation(appointmentId, subject, municipality, scheduleId, start, end, summary, completedBy, completedAt);
    }
}
