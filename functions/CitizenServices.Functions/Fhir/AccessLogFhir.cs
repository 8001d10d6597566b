using CitizenServices.Functions.AccessLog;
using Hl7.Fhir.Model;
using static CitizenServices.Functions.Fhir.FhirContent;

namespace CitizenServices.Functions.Fhir;

/// <summary>The access log in FHIR R4: one <see cref="AuditEvent"/> per entry, the subject as the entity acted on.</summary>
public static class AccessLogFhir
{
    public static Bundle Entries(AccessLogApi.AccessLogPageView page, HttpContext context)
    {
        var subject = Authorization.SubjectAccess.For(context).Subject;
        return Searchset(page.Entries.Select(e =>
        {
            var audit = new AuditEvent
            {
                Id = IdOf("audit|" + subject.Value + "|" + e.Sequence),
                Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
                Subtype = [Code("operation", e.Operation)],
                Action = e.Action == "read" ? AuditEvent.AuditEventAction.R : AuditEvent.AuditEventAction.U,
                Recorded = e.OccurredAt,
                Outcome = AuditEvent.AuditEventOutcome.N0,
                Source = new AuditEvent.SourceComponent
                {
                    Site = e.Channel,
                    Observer = new ResourceReference { Display = "Helsenorge Citizen Services" },
                },
            };
            audit.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept { Coding = [Code("representation-basis", e.BasisKind)] },
                Who = new ResourceReference { Display = e.ActorName ?? e.ActorId },
                Requestor = true,
            });
            var entity = new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Identifier = NationalIdentityNumber(subject.Value) },
                Name = e.Resource,
            };
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = "correlation-id", Value = new FhirString(e.CorrelationId) });
            audit.Entity.Add(entity);
            return (Resource)audit;
        }));
    }
}
