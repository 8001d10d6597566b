using System.Net.Http.Headers;
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
        var bundle = await GetFhirAsync(Seed.KariMother, "/api/v1/persons/me/represented");

        var related = bundle.Entry.Select(e => e.Resource).OfType<RelatedPerson>().ToList();
        var consents = bundle.Entry.Select(e => e.Resource).OfType<FhirConsent>().ToList();
        Assert.Equal(2, related.Count); // Noah and Emma, as their parent
        Assert.Equal(2, consents.Count);
        Assert.Equal(
            new[] { Seed.EmmaUnder12, Seed.NoahTurning12 },
            related.Select(r => r.Patient!.Identifier!.Value).Order(StringComparer.Ordinal));
        Assert.All(related, r =>
        {
            Assert.Equal("urn:oid:2.16.578.1.12.4.1.4.1", r.Patient!.Identifier!.System);
            Assert.Equal(Seed.KariMother, Assert.Single(r.Identifier).Value);
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
        using (var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother)))
        using (var read = await client.GetAsync(new Uri($"/api/v1/persons/{Seed.NoahTurning12}/representatives", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var bundle = await GetFhirAsync(Seed.KariMother, $"/api/v1/persons/{Seed.NoahTurning12}/access-log");

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
        Assert.Equal(Seed.NoahTurning12, representatives.Entity.Single().What!.Identifier!.Value);
    }

    [Fact]
    public async Task Consent_AsFhir_IsAConsentPointingAtTheTextThePersonSaw()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));
        var catalog = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/consent-definitions", UriKind.Relative));
        var definition = catalog.GetProperty("definitions").EnumerateArray().First(d => d.GetProperty("kind").GetString() == "consent");
        var id = definition.GetProperty("id").GetString()!;
        var version = definition.GetProperty("currentVersion").GetString()!;
        var sha = definition.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetString() == version).GetProperty("textSha256").GetString();
        using (var decided = await client.PutAsJsonAsync(new Uri($"/api/v1/persons/me/consents/{id}", UriKind.Relative), new { decision = "given", version }))
        {
            Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        }

        var consent = Assert.Single((await GetFhirAsync(Seed.KariMother, "/api/v1/persons/me/consents")).Entry.Select(e => e.Resource).OfType<FhirConsent>(),
            c => c.PolicyRule!.Coding.Single().Code == id);

        Assert.Equal(FhirConsent.ConsentState.Active, consent.Status);
        Assert.Equal(FhirConsent.ConsentProvisionType.Permit, consent.Provision!.Type);
        Assert.Equal(Seed.KariMother, consent.Patient!.Identifier!.Value);
        Assert.NotNull(consent.DateTime);
        Assert.NotEmpty(consent.Category);
        Assert.EndsWith($"/consent-definitions/{id}/versions/{version}/text", Assert.Single(consent.Policy).Uri, StringComparison.Ordinal);
        Assert.Contains(consent.Identifier, i => i.Value == sha);
        Assert.Equal(Seed.KariMother, Assert.Single(consent.Performer).Identifier!.Value);
    }

    [Fact]
    public async Task SlotsAndAppointments_AsFhir_AreSlotAndAppointmentResources()
    {
        var schedule = "fhir-" + Guid.NewGuid().ToString("N")[..10];
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(3).AddHours(9), TimeSpan.Zero);
        using (var admin = _factory.CreateClient(_factory.Tokens.Workforce([Functions.Authentication.AppRoles.SchedulesManage], "0301")))
        {
            using var saved = await admin.PutAsJsonAsync(new Uri($"/api/v1/admin/schedules/{schedule}", UriKind.Relative), new
            {
                name = "FHIR legesenter", kind = "gp", municipality = "0301", cancellationDeadlineHours = 24, channels = new[] { "in-person" },
            });
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
            using var published = await admin.PostAsJsonAsync(new Uri($"/api/v1/admin/schedules/{schedule}/slots", UriKind.Relative), new
            {
                slots = new[] { new { start, lengthMinutes = 20, channel = "in-person" }, new { start = start.AddMinutes(20), lengthMinutes = 20, channel = "in-person" } },
            });
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        var slots = (await GetFhirAsync(Seed.KariMother, $"/api/v1/schedules/{schedule}/slots")).Entry.Select(e => Assert.IsType<Slot>(e.Resource)).ToList();
        Assert.Equal(2, slots.Count);
        Assert.All(slots, s =>
        {
            Assert.Equal(Slot.SlotStatus.Free, s.Status);
            Assert.Equal(schedule, s.Schedule!.Identifier!.Value);
            Assert.Equal(TimeSpan.FromMinutes(20), s.End - s.Start);
        });

        var slotId = Assert.Single(slots[0].Identifier).Value;
        using (var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother)))
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/persons/me/appointments", UriKind.Relative)))
        {
            request.Content = JsonContent.Create(new { scheduleId = schedule, slotId });
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var booked = await client.SendAsync(request);
            Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }

        var appointment = Assert.Single((await GetFhirAsync(Seed.KariMother, "/api/v1/persons/me/appointments")).Entry.Select(e => Assert.IsType<Appointment>(e.Resource)),
            a => a.Slot.Any(s => s.Identifier!.Value == slotId));
        Assert.Equal(Appointment.AppointmentStatus.Booked, appointment.Status);
        Assert.Equal(slots[0].Start, appointment.Start);
        Assert.Equal(20, appointment.MinutesDuration);
        Assert.Contains(appointment.Participant, p => p.Actor!.Identifier!.Value == Seed.KariMother && p.Status == ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Represented_WithoutTheFhirMediaType_KeepsTheJsonView()
    {
        using var client = _factory.CreateClient(_factory.Tokens.Citizen(Seed.KariMother));

        using var response = await client.GetAsync(new Uri("/api/v1/persons/me/represented", UriKind.Relative));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"persons\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
