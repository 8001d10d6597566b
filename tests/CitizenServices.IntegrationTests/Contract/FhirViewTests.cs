using System.Net;
using System.Net.Http.Headers;
using CitizenServices.IntegrationTests.Support;
using Hl7.Fhir.Model;
using FhirConsent = Hl7.Fhir.Model.Consent;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;

namespace CitizenServices.IntegrationTests.Contract;

/// <summary>
/// FHIR R4 views over real HTTP, parsed with the Firely deserializer in strict mode (unknown elements, wrong types and
/// broken cardinality fail the parse), then checked for the elements each mapping promises.
/// </summary>
public sealed class FhirViewTests : IAsyncLifetime
{
    private const string Kari = "14838510036";
    private const string Noah = "20811576183";
    private const string Emma = "05861950001";

    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<Bundle> GetFhirAsync(string caller, string path)
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(caller));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict)).Deserialize<Bundle>(text);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(bundle.Entry.Count, bundle.Total);
        Assert.All(bundle.Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl, StringComparison.Ordinal));
        return bundle;
    }

    [Fact]
    public async Task Represented_AsFhir_IsARelatedPersonAndAConsentPerRepresentation()
    {
        var bundle = await GetFhirAsync(Kari, "/api/v1/persons/me/represented");

        var related = bundle.Entry.Select(e => e.Resource).OfType<RelatedPerson>().ToList();
        var consents = bundle.Entry.Select(e => e.Resource).OfType<FhirConsent>().ToList();
        Assert.Equal(2, related.Count); // Noah and Emma, as their parent
        Assert.Equal(2, consents.Count);
        Assert.Equal(
            new[] { Emma, Noah },
            related.Select(r => r.Patient!.Identifier!.Value).Order(StringComparer.Ordinal));
        Assert.All(related, r =>
        {
            Assert.Equal("urn:oid:2.16.578.1.12.4.1.4.1", r.Patient!.Identifier!.System);
            Assert.Equal(Kari, Assert.Single(r.Identifier).Value);
            Assert.Contains(r.Relationship.SelectMany(c => c.Coding), c => c.Code == "PRN");
            Assert.NotNull(r.Period!.Start);
        });
        Assert.All(consents, c =>
        {
            Assert.Equal(FhirConsent.ConsentState.Active, c.Status);
            Assert.Equal("patient-privacy", c.Scope!.Coding.Single().Code);
            Assert.NotEmpty(c.Category);
            Assert.Equal("parental-responsibility", c.PolicyRule!.Coding.Single().Code);
            Assert.Equal(FhirConsent.ConsentProvisionType.Permit, c.Provision!.Type);
            Assert.NotNull(c.Provision.Period!.Start);
            Assert.NotEmpty(c.Provision.Action);
            Assert.Equal("Folkeregisteret", Assert.Single(c.Performer).Display);

            // The actor is the RelatedPerson of the same bundle, for the same child.
            var actor = Assert.Single(c.Provision.Actor).Reference!.Reference;
            var person = Assert.IsType<RelatedPerson>(Assert.Single(bundle.Entry, e => e.FullUrl == actor).Resource);
            Assert.Equal(c.Patient!.Identifier!.Value, person.Patient!.Identifier!.Value);
        });
    }

    [Fact]
    public async Task AccessLog_AsFhir_IsAnAuditEventPerEntry()
    {
        // The parent reads the child's representatives: an action on the child's behalf, so it is logged for the child.
        using (var client = _factory.CreateClient(_factory.Tokens.Citizen(Kari)))
        using (var read = await client.GetAsync(new Uri($"/api/v1/persons/{Noah}/representatives", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var bundle = await GetFhirAsync(Kari, $"/api/v1/persons/{Noah}/access-log");

        var events = bundle.Entry.Select(e => Assert.IsType<AuditEvent>(e.Resource)).ToList();
        var representatives = Assert.Single(events, a => a.Subtype.Any(s => s.Code == "representatives.read"));
        Assert.Equal("rest", representatives.Type!.Code);
        Assert.Equal(AuditEvent.AuditEventAction.R, representatives.Action);
        Assert.NotNull(representatives.Recorded);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, representatives.Outcome);
        var agent = Assert.Single(representatives.Agent);
        Assert.True(agent.Requestor);
        Assert.Equal("parent", agent.Type!.Coding.Single().Code);
        Assert.Equal("Kari Hansen", agent.Who!.Display);
        Assert.NotNull(representatives.Source!.Observer);
        Assert.Equal(Noah, representatives.Entity.Single().What!.Identifier!.Value);
    }

    [Fact]
    public async Task Represented_WithoutTheFhirMediaType_KeepsTheJsonView()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Kari));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/represented", UriKind.Relative));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"persons\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
