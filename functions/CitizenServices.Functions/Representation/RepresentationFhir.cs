using Hl7.Fhir.Model;
using FhirConsent = Hl7.Fhir.Model.Consent;
using static CitizenServices.Functions.Fhir.FhirContent;

namespace CitizenServices.Functions.Representation;

/// <summary>
/// A representation in FHIR R4: the representative as a <see cref="RelatedPerson"/> of the subject, and the
/// representation itself as a <see cref="Consent"/> whose <c>policyRule</c> is the legal basis, <c>provision.period</c>
/// the validity, <c>provision.actor</c> the representative and <c>provision.action</c> the scopes, and whose performer is
/// the grantor (the subject for a fullmakt, the authority for the other kinds).
/// </summary>
public static class RepresentationFhir
{
    private const string RoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /// <summary>Everyone the caller can act for: the caller is the related person of each subject.</summary>
    public static Bundle Represented(RepresentationApi.RepresentedList list, HttpContext context)
    {
        var caller = context.User.FindFirst(Authentication.CitizenClaims.Pid)?.Value;
        return Searchset(list.Persons.SelectMany(p => p.Representations.SelectMany(b =>
            Pair(NationalIdentityNumber(p.NationalIdentityNumber), p.Name, caller is null ? null : NationalIdentityNumber(caller), null, b))));
    }

    /// <summary>Everyone who can act for the subject, by name (their numbers are not shown, as in the JSON view).</summary>
    public static Bundle Representatives(RepresentationApi.RepresentativeList list, HttpContext context)
    {
        var subject = Authorization.SubjectAccess.For(context).Subject;
        return Searchset(list.Persons.SelectMany(p => p.Representations.SelectMany(b =>
            Pair(NationalIdentityNumber(subject.Value), null, null, p.Name, b))));
    }

    private static Resource[] Pair(Identifier subject, string? subjectName, Identifier? representative, string? representativeName, RepresentationApi.BasisView basis)
    {
        var period = new Period { Start = basis.ValidFrom.ToString("o"), End = basis.ValidTo?.ToString("o") };
        var related = new RelatedPerson
        {
            Id = IdOf("related|" + basis.Kind + "|" + basis.RelationId),
            Active = true,
            Patient = new ResourceReference { Identifier = subject, Display = subjectName },
            Period = period,
        };
        if (representative is not null)
        {
            related.Identifier.Add(representative);
        }

        if (representativeName is not null)
        {
            related.Name.Add(new HumanName { Text = representativeName });
        }

        related.Relationship.Add(new CodeableConcept { Coding = [RoleOf(basis.Kind), Code("representation-basis", basis.Kind)] });

        var consent = new FhirConsent
        {
            Id = IdOf("consent|" + basis.Kind + "|" + basis.RelationId),
            Status = FhirConsent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent"), new CodeableConcept(CodeSystemBase + "consent-category", "representation", "Representation")],
            Patient = new ResourceReference { Identifier = subject, Display = subjectName },
            DateTime = basis.ValidFrom.ToString("o"),
            PolicyRule = new CodeableConcept { Coding = [Code("legal-basis", LegalBasisOf(basis.Kind).Code, LegalBasisOf(basis.Kind).Display)] },
            Provision = new FhirConsent.provisionComponent
            {
                Type = FhirConsent.ConsentProvisionType.Permit,
                Period = period,
                Actor =
                [
                    new FhirConsent.provisionActorComponent
                    {
                        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "AGNT", "agent"),
                        Reference = new ResourceReference(UrnOf(related)),
                    },
                ],
                Action = basis.Scopes.Select(s => new CodeableConcept { Coding = [Code("scope", s)] }).ToList(),
            },
        };
        consent.Performer.Add(basis.Kind is "fullmakt"
            ? new ResourceReference { Identifier = subject, Display = subjectName }
            : new ResourceReference { Display = LegalBasisOf(basis.Kind).Grantor });
        consent.Identifier.Add(new Identifier(CodeSystemBase + "relation-id", basis.RelationId));
        return [related, consent];
    }

    private static Coding RoleOf(string kind) => kind switch
    {
        "parent" => new Coding(RoleCode, "PRN", "parent"),
        "guardian" => new Coding(RoleCode, "GUARD", "guardian"),
        "foster-parent" => new Coding(RoleCode, "PRN", "parent"),
        _ => new Coding(RoleCode, "POWATT", "power of attorney"),
    };

    private static (string Code, string Display, string Grantor) LegalBasisOf(string kind) => kind switch
    {
        "parent" => ("parental-responsibility", "Parental responsibility (barnelova), by the child's age band", "Folkeregisteret"),
        "guardian" => ("guardianship", "Guardianship (vergemålsloven), by the mandate", "Statsforvalteren"),
        "foster-parent" => ("foster-care", "Foster care registered by child welfare services (barnevernsloven)", "Barnevernstjenesten"),
        "fullmakt-lacking-capacity" => ("fullmakt-lacking-capacity", "Fullmakt for a person lacking capacity, on a doctor's certificate", "Helsenorge administrator"),
        _ => ("fullmakt", "Fullmakt given by the person", "the person"),
    };
}
