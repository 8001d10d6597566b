using Hl7.Fhir.Model;
using static CitizenServices.Functions.Fhir.FhirContent;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace CitizenServices.Functions.Consent;

/// <summary>
/// Consent decisions in FHIR R4: one <see cref="FhirConsent"/> per decision. A consent or restriction that is given is a
/// permit, a reservation that is in place a deny; <c>status</c> is active only while the decision is in force (a withdrawn,
/// lifted, expired or stale decision is inactive); <c>policy</c> points at the text the person saw, and the text's SHA-256 is
/// an identifier.
/// </summary>
public static class ConsentFhir
{
    public static Bundle List(ConsentListView list, HttpContext context) =>
        Searchset(list.Consents.Where(c => c.Decision is not null).Select(c => (Resource)One(c, context)));

    public static FhirConsent One(ConsentStateView state, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        var subject = Authorization.SubjectAccess.For(context).Subject;
        var decision = state.Decision ?? throw new ArgumentException("Only a decision has a FHIR view.", nameof(state));
        var consent = new FhirConsent
        {
            Id = IdOf("consent-decision|" + subject.Value + "|" + state.DefinitionId),
            Status = state.Status == "active" ? FhirConsent.ConsentState.Active : FhirConsent.ConsentState.Inactive,
            Scope = state.Kind == "consent" && state.DefinitionId.Contains("research", StringComparison.Ordinal)
                ? new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "research", "Research")
                : new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent"), new CodeableConcept(CodeSystemBase + "consent-category", state.Kind, state.Kind)],
            Patient = new ResourceReference { Identifier = NationalIdentityNumber(subject.Value) },
            DateTime = decision.DecidedAt.ToString("o"),
            PolicyRule = new CodeableConcept { Coding = [Code("consent-definition", state.DefinitionId, state.Title)] },
            Policy = [new FhirConsent.PolicyComponent { Uri = $"/api/v1/consent-definitions/{state.DefinitionId}/versions/{decision.Version}/text" }],
            Provision = new FhirConsent.provisionComponent
            {
                Type = state.Kind == "reservation" || (state.Kind == "restriction" && decision.Decision == "given")
                    ? FhirConsent.ConsentProvisionType.Deny
                    : FhirConsent.ConsentProvisionType.Permit,
                Period = decision.ValidTo is { } to ? new Period { End = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } : null,
            },
        };
        consent.Identifier.Add(new Identifier(CodeSystemBase + "consent-text-sha256", decision.TextSha256));
        consent.Identifier.Add(new Identifier(CodeSystemBase + "consent-decision", decision.Decision));
        consent.Performer.Add(decision.DecidedAs == "self"
            ? new ResourceReference { Identifier = NationalIdentityNumber(subject.Value) }
            : new ResourceReference { Type = "RelatedPerson", Display = decision.DecidedAs });
        return consent;
    }
}
