using Hl7.Fhir.Model;
using static CitizenServices.Functions.Fhir.FhirContent;

namespace CitizenServices.Functions.AccessLog;

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
                Who = e.Organisation is { } organisation ? SectorAgent(organisation) : new ResourceReference { Display = e.ActorName ?? e.ActorId },
                Requestor = true,
            });
            if (e.Organisation is { HprNumber: not null } through)
            {
                // The health personnel acted; the organisation they acted through is the second agent.
                audit.Agent.Add(new AuditEvent.AgentComponent
                {
                    Type = new CodeableConcept { Coding = [Code("representation-basis", "organisation")] },
                    Who = Organisation(through),
                    Requestor = false,
                });
            }
            var entity = new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Identifier = NationalIdentityNumber(subject.Value) },
                Name = e.Resource,
            };
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = "correlation-id", Value = new FhirString(e.CorrelationId) });
            foreach (var (name, value) in e.ResourceIds ?? new Dictionary<string, string>())
            {
                entity.Detail.Add(new AuditEvent.DetailComponent { Type = name, Value = new FhirString(value) });
            }

            audit.Entity.Add(entity);
            return (Resource)audit;
        }));
    }

    /// <summary>OID of Norwegian organisation numbers (Enhetsregisteret), as the Norwegian FHIR base profiles use it.</summary>
    public const string OrganisationNumberSystem = "urn:oid:2.16.578.1.12.4.1.4.101";

    /// <summary>OID of HPR numbers (Helsepersonellregisteret).</summary>
    public const string HprNumberSystem = "urn:oid:2.16.578.1.12.4.1.4.4";

    private static ResourceReference SectorAgent(AccessLogApi.OrganisationView organisation) =>
        organisation.HprNumber is { } hpr
            ? new ResourceReference { Type = "Practitioner", Identifier = new Identifier(HprNumberSystem, hpr), Display = "HPR " + hpr }
            : Organisation(organisation);

    private static ResourceReference Organisation(AccessLogApi.OrganisationView organisation) => new()
    {
        Type = "Organization",
        Identifier = new Identifier(OrganisationNumberSystem, organisation.SubUnitNumber ?? organisation.Number),
        Display = organisation.SubUnitName ?? organisation.Name ?? organisation.SubUnitNumber ?? organisation.Number,
    };
}
