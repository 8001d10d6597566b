using CitizenServices.Domain.Nettlege.Consultations;
using CitizenServices.Infrastructure.Events;

namespace CitizenServices.IntegrationTests.Nettlege;

/// <summary>
/// Completing a nettlege consultation and informing the regular GP, in the real handler with a clock the tests set:
/// pilot → video slots from the housekeeping timer → triage → booking → completion → the event in the outbox →
/// <c>FastlegeInformer</c> invoked with the host's payload → the message for the GP. Marius lives in Trondheim (5001),
/// where Knut Lien at Bakklandet legekontor is his regular GP in the seed.
/// </summary>
public sealed class NettlegeConsultationTests(NettlegeAppFixture app) : IClassFixture<NettlegeAppFixture>, IAsyncLifetime
{
    private const string Trondheim = "5001";
    private const string Schedule = "nettlege-5001";
    private const string Clinician = "cccccccc-0000-0000-0000-000000000001";
    private const string Summary = "Vurdert på video for hoste i 5 dager uten feber. Råd om egenbehandling; ny kontakt ved forverring.";
    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    public async Task InitializeAsync()
    {
        app.Now("2026-06-01T13:00:00+02:00");
        await app.ClearAsync([Trondheim], [Seed.MariusFatherOfFosterChild]);
        await app.Table(StorageNames.Tables.Appointments).DeletePartitionAsync(Seed.MariusFatherOfFosterChild);
        await app.Table(StorageNames.Tables.Schedules).DeletePartitionAsync(Schedule);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Complete_AfterTriageAndBooking_StoresItWithAnEventWithoutTheSummaryAndTheInformerWritesToTheRegularGp()
    {
        var appointment = await BookedAppointmentAsync();
        app.Now("2026-06-02T12:10:00+02:00");

        using var response = await CompleteAsync(appointment, Summary);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(appointment.ToString(), view.GetProperty("appointmentId").GetString());
        Assert.Equal("2026-06-02T12:00:00+02:00", view.GetProperty("start").GetString());
        Assert.Equal("2026-06-02T12:10:00+02:00", view.GetProperty("completedAt").GetString());
        Assert.Equal(Clinician, view.GetProperty("completedBy").GetString());
        Assert.False(view.TryGetProperty("summary", out _));

        var envelope = Assert.Single(await OutboxAsync(appointment));
        Assert.Equal(EventTypes.NettlegeConsultationCompleted, envelope.Type);
        Assert.Equal(Seed.MariusFatherOfFosterChild, envelope.Subject.Value);
        Assert.DoesNotContain("summary", envelope.Data.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hoste", envelope.Data.GetRawText(), StringComparison.Ordinal);

        var output = await InvokeInformerAsync(EnvelopeJson(envelope), "m-" + Guid.NewGuid());

        var message = Assert.Single(output["messages"]!.AsArray())!;
        Assert.Equal("nettlege-consultation-summary", message["messageType"]!.GetValue<string>());
        Assert.Equal("9145120", message["recipient"]!["hprNumber"]!.GetValue<string>());
        Assert.Equal("8094410", message["recipient"]!["herId"]!.GetValue<string>());
        Assert.Equal(Seed.MariusFatherOfFosterChild, message["patient"]!["nationalIdentityNumber"]!.GetValue<string>());
        Assert.Equal("Marius", message["patient"]!["givenName"]!.GetValue<string>());
        Assert.Equal(Summary, message["consultation"]!["summary"]!.GetValue<string>());
        Assert.Equal(Trondheim, message["consultation"]!["municipality"]!.GetValue<string>());
        Assert.Equal(
            RegularGpMessage.IdFor(envelope.EventId, "9145120").ToString(), message["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_Twice_AnswersTheSameWithOneEventAndAnotherSummaryIsRefused()
    {
        var appointment = await BookedAppointmentAsync();
        app.Now("2026-06-02T12:10:00+02:00");
        using var first = await CompleteAsync(appointment, Summary);
        app.Now("2026-06-02T12:11:00+02:00");

        using var again = await CompleteAsync(appointment, Summary);
        using var other = await CompleteAsync(appointment, "Another summary.");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completedAt").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completedAt").GetString());
        var problem = await ProblemAssert.IsProblem(other, HttpStatusCode.Conflict, Problems + "consultation-already-completed");
        Assert.Equal("summary", problem.GetProperty("field").GetString());
        Assert.Single(await OutboxAsync(appointment));
    }

    [Theory]
    [InlineData("2026-06-02T11:44:59+02:00", "consultation-not-started")]
    [InlineData("2026-06-09T12:00:01+02:00", "completion-window-passed")]
    public async Task Complete_OutsideTheWindow_IsRefusedAndNothingStored(string now, string code)
    {
        var appointment = await BookedAppointmentAsync();
        app.Now(now);

        using var response = await CompleteAsync(appointment, Summary);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + code);
        Assert.Equal("appointmentId", problem.GetProperty("field").GetString());
        Assert.Null(await ConsultationAsync(appointment));
    }

    [Theory]
    [InlineData("2026-06-02T11:45:00+02:00")]
    [InlineData("2026-06-09T12:00:00+02:00")]
    public async Task Complete_AtTheEdgesOfTheWindow_IsAccepted(string now)
    {
        var appointment = await BookedAppointmentAsync();
        app.Now(now);

        using var response = await CompleteAsync(appointment, Summary);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Complete_ByAClinicianOfAnotherMunicipalityOrForAnUnknownId_IsNotFound()
    {
        var appointment = await BookedAppointmentAsync();
        app.Now("2026-06-02T12:10:00+02:00");

        using var oslo = await CompleteAsync(appointment, Summary, municipality: "0301");
        using var unknown = await CompleteAsync(Guid.NewGuid(), Summary);

        await ProblemAssert.IsProblem(oslo, HttpStatusCode.NotFound, Problems + "appointment-not-found");
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, Problems + "appointment-not-found");
        Assert.Null(await ConsultationAsync(appointment));
    }

    [Fact]
    public async Task Complete_ACancelledAppointment_IsNotFound()
    {
        var appointment = await BookedAppointmentAsync();
        using (var citizen = app.Citizen(Seed.MariusFatherOfFosterChild))
        using (var cancelled = await citizen.DeleteAsync(new Uri($"/api/v1/persons/me/appointments/{appointment}", UriKind.Relative)))
        {
            Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        }

        app.Now("2026-06-02T12:10:00+02:00");
        using var response = await CompleteAsync(appointment, Summary);

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, Problems + "appointment-not-found");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("   ", HttpStatusCode.UnprocessableEntity, "summary-required")]
    [InlineData("too-long", HttpStatusCode.UnprocessableEntity, "summary-too-long")]
    [InlineData("bell\u0007", HttpStatusCode.UnprocessableEntity, "summary-invalid-character")]
    public async Task Complete_WithABadSummary_IsRefusedNamingTheFieldAndNothingStored(string? summary, HttpStatusCode status, string code)
    {
        var appointment = await BookedAppointmentAsync();
        app.Now("2026-06-02T12:10:00+02:00");

        using var response = await CompleteAsync(appointment, summary == "too-long" ? new string('a', ConsultationRules.MaxSummaryLength + 1) : summary);

        var problem = await ProblemAssert.IsProblem(response, status, Problems + code);
        Assert.Equal("summary", problem.GetProperty("field").GetString());
        Assert.Null(await ConsultationAsync(appointment));
    }

    [Fact]
    public async Task Complete_WithoutTheRole_IsForbidden()
    {
        using var administrator = app.Administrator(Trondheim);

        using var response = await administrator.PostAsJsonAsync(
            new Uri($"/api/v1/nettlege/consultations/{Guid.NewGuid()}/complete", UriKind.Relative), new { summary = Summary });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Informer_ForAnotherEventType_OutputsNothingAndParksNothing()
    {
        var messageId = "m-" + Guid.NewGuid();

        var output = await InvokeInformerAsync(Payloads.GrantedEnvelope(), messageId);

        Assert.Empty(output);
        Assert.DoesNotContain(await ParkedAsync(), p => p.MessageId == messageId);
    }

    [Fact]
    public async Task Informer_ForAnEventWithoutItsConsultation_ParksItWithTheReason()
    {
        var subject = NationalIdentityNumber.Parse(Seed.MariusFatherOfFosterChild);
        var completed = Completed(Guid.NewGuid(), subject);
        var messageId = "m-" + Guid.NewGuid();

        var output = await InvokeInformerAsync(EnvelopeJson(completed.ToEnvelope(null)), messageId);

        Assert.Empty(output);
        var parked = Assert.Single(await ParkedAsync(), p => p.MessageId == messageId);
        Assert.Contains("No completed consultation", parked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Informer_ForAPatientWithoutARegularGp_SendsNothingAndKeepsTheConsultation()
    {
        // Piotr (a D-number, temporary resident) is on no GP's list in the seed.
        var subject = NationalIdentityNumber.Parse(Seed.PiotrDNumber);
        var appointmentId = Guid.NewGuid();
        var completed = Completed(appointmentId, subject);
        var store = app.Factory.Services.GetRequiredService<INettlegeConsultationStore>();
        await store.CompleteAsync(
            new CompletedConsultation(appointmentId, subject, "4601", "nettlege-4601", completed.OccurredAt.AddMinutes(-20),
                completed.OccurredAt.AddMinutes(-5), Summary, Clinician, completed.OccurredAt),
            completed, default);

        var output = await InvokeInformerAsync(EnvelopeJson(completed.ToEnvelope(null)), "m-" + Guid.NewGuid());

        Assert.Empty(output);
        Assert.NotNull(await store.FindAsync(appointmentId, default));
    }

    private static DomainEvent Completed(Guid appointmentId, NationalIdentityNumber subject)
    {
        var at = new DateTimeOffset(2026, 6, 2, 10, 10, 0, TimeSpan.Zero);
        return DomainEvent.Create(
            EventTypes.NettlegeConsultationCompleted, subject,
            new NettlegeConsultationCompleted(appointmentId, subject, "4601", at.AddMinutes(-10), at.AddMinutes(5), at), at, null);
    }

    private async Task<Guid> BookedAppointmentAsync()
    {
        using (var configured = await app.PutPilotAsync(Trondheim, NettlegeAppFixture.Pilot()))
        {
            Assert.True(configured.IsSuccessStatusCode, await configured.Content.ReadAsStringAsync());
        }

        await app.RunHousekeepingAsync();
        await app.TriageAsync(Seed.MariusFatherOfFosterChild, NettlegeAppFixture.NettlegeAnswers());
        using var citizen = app.Citizen(Seed.MariusFatherOfFosterChild);
        var slots = await citizen.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/schedules/{Schedule}/slots?from=2026-06-02&to=2026-06-02", UriKind.Relative));
        var slot = slots.GetProperty("slots")[0];
        Assert.Equal("2026-06-02T12:00:00+02:00", slot.GetProperty("start").GetString());
        using var booked = await app.BookAsync(Seed.MariusFatherOfFosterChild, Schedule, slot.GetProperty("slotId").GetString()!);
        Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        return Guid.Parse((await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
    }

    private async Task<HttpResponseMessage> CompleteAsync(Guid appointment, string? summary, string municipality = Trondheim)
    {
        using var clinician = app.Factory.CreateClient(app.Factory.Tokens.Workforce([AppRoles.ConsultationsComplete], municipality, Clinician));
        var uri = new Uri($"/api/v1/nettlege/consultations/{appointment}/complete", UriKind.Relative);
        return summary is null
            ? await clinician.PostAsJsonAsync(uri, new { })
            : await clinician.PostAsJsonAsync(uri, new { summary });
    }

    private async Task<TableEntity?> ConsultationAsync(Guid appointment) =>
        await app.Table(StorageNames.Tables.NettlegeConsultations).GetAsync<TableEntity>(appointment.ToString("N"), "consultation");

    private async Task<List<EventEnvelope>> OutboxAsync(Guid appointment)
    {
        var envelopes = new List<EventEnvelope>();
        await foreach (var row in app.Table(StorageNames.Tables.NettlegeConsultations)
            .QueryPartitionAsync<TableEntity>(appointment.ToString("N"), OutboxRows.RowKeyPrefix))
        {
            envelopes.Add(OutboxRows.ToEnvelope(row));
        }

        return envelopes;
    }

    private static string EnvelopeJson(EventEnvelope envelope) => Encoding.UTF8.GetString(envelope.ToUtf8Json());

    private async Task<JsonObject> InvokeInformerAsync(string envelope, string messageId)
    {
        return (await app.Factory.InvokeOkAsync("FastlegeInformer", Payloads.ServiceBus(envelope, messageId)))["Outputs"]!.AsObject();
    }

    private async Task<List<ParkedMessage>> ParkedAsync()
    {
        var parked = new List<ParkedMessage>();
        var parkingLot = app.Factory.Services.GetRequiredService<IParkingLot>();
        await foreach (var message in parkingLot.ListAsync(InformRegularGpHandler.Consumer, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), default))
        {
            parked.Add(message);
        }

        return parked;
    }
}
