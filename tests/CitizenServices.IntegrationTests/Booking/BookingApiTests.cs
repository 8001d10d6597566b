using CitizenServices.IntegrationTests.Fullmakt;

namespace CitizenServices.IntegrationTests.Booking;

/// <summary>The booking rules through real HTTP, Azurite and the committed seed register (docs/population-register.md).</summary>
public sealed class BookingApiTests(BookingAppFixture app) : IClassFixture<BookingAppFixture>, IAsyncLifetime
{
    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    /// <summary>Tuesday 7 April 2026 09:00 Oslo (summer time).</summary>
    private static readonly DateTimeOffset Tuesday = new(2026, 4, 7, 7, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        app.Clock.AdjustTime(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero));
        await app.ClearAsync(Seed.KariMother, Seed.OlaFather, Seed.EmmaUnder12, Seed.IngridMotherOfTeenagers, Seed.IdaBornOnLeapDay, Seed.TheaAdultChild, Seed.SiljeMotherOfHenrik);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Book_WhenRetriedWithTheSameIdempotencyKey_ReturnsTheOriginalAppointment()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday);

        using var first = await app.BookAsync(Seed.KariMother, "me", scheduleId, slots[0], key: "book-1");
        using var retry = await app.BookAsync(Seed.KariMother, "me", scheduleId, slots[0], key: "book-1");
        using var otherBody = await app.BookAsync(Seed.KariMother, "me", scheduleId, "20260408T0700Z-00", key: "book-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var original = await first.Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(original.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        await ProblemAssert.IsProblem(otherBody, HttpStatusCode.UnprocessableEntity, Problems + "idempotency-key-reused");
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, Seed.KariMother, "a|"));
    }

    [Fact]
    public async Task Book_WhenTheSameKeyArrivesTwiceAtOnce_BothGetTheOneAppointment()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.BookAsync(Seed.OlaFather, "me", scheduleId, slots[0], key: "twin")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, Seed.OlaFather, "a|"));
    }

    [Fact]
    public async Task Book_WithoutIdempotencyKey_IsRejectedNamingTheHeader()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday);
        using var client = app.Citizen(Seed.KariMother);

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/appointments", UriKind.Relative), new { scheduleId, slotId = slots[0] });

        var body = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, Problems + "invalid-request");
        Assert.Equal("Idempotency-Key", body.GetProperty("field").GetString());
        Assert.Empty(await app.RowsAsync(StorageNames.Tables.Appointments, Seed.KariMother, "a|"));
    }

    [Fact]
    public async Task Reschedule_WhenTheNewSlotIsTaken_LeavesTheOldAppointmentIntact()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday, Tuesday.AddHours(1));
        var booked = await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0]);
        await app.BookOkAsync(Seed.OlaFather, "me", scheduleId, slots[1]);

        using var response = await RescheduleAsync(Seed.KariMother, booked.GetProperty("id").GetString()!, slots[1]);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, Problems + "slot-taken");
        var mine = Assert.Single(await ListAsync(Seed.KariMother));
        Assert.Equal(slots[0], mine.GetProperty("slotId").GetString());
        Assert.Equal("booked", mine.GetProperty("status").GetString());
        var slotRows = await app.RowsAsync(StorageNames.Tables.Schedules, scheduleId, "slot|");
        Assert.All(slotRows, r => Assert.Equal("booked", r.GetString("State")));
        Assert.Equal(Seed.KariMother, slotRows.Single(r => r.RowKey == "slot|" + slots[0]).GetString("BookedFor"));
    }

    [Fact]
    public async Task Reschedule_WhenTheNewSlotIsFree_MovesTheAppointmentAndFreesTheOldSlot()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday, Tuesday.AddHours(1));
        var booked = await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0]);
        var id = booked.GetProperty("id").GetString()!;

        using var response = await RescheduleAsync(Seed.KariMother, id, slots[1]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mine = Assert.Single(await ListAsync(Seed.KariMother));
        Assert.Equal(id, mine.GetProperty("id").GetString());
        Assert.Equal(slots[1], mine.GetProperty("slotId").GetString());
        Assert.Equal(slots[0], Assert.Single(await app.FreeSlotsAsync(scheduleId, "?from=2026-04-07&to=2026-04-07")).GetProperty("slotId").GetString());
        Assert.Contains(await OutboxTypesAsync(Seed.KariMother), t => t == "appointment.rescheduled");
    }

    [Fact]
    public async Task Cancel_WhenAfterTheDeadline_IsRefusedAndTheAppointmentStays()
    {
        var scheduleId = await app.CreateScheduleAsync(deadlineHours: 24);
        var slots = await app.PublishAsync(scheduleId, Tuesday);
        var id = (await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0])).GetProperty("id").GetString()!;
        app.Clock.AdjustTime(Tuesday.AddHours(-24).AddMinutes(1));

        using var response = await CancelAsync(Seed.KariMother, id);

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, Problems + "cancellation-deadline-passed");
        Assert.Equal("booked", Assert.Single(await ListAsync(Seed.KariMother)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_WhenBeforeTheDeadline_CancelsFreesTheSlotAndEmitsTheEvent()
    {
        var scheduleId = await app.CreateScheduleAsync(deadlineHours: 24);
        var slots = await app.PublishAsync(scheduleId, Tuesday);
        var id = (await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0])).GetProperty("id").GetString()!;
        app.Clock.AdjustTime(Tuesday.AddHours(-24));

        using var response = await CancelAsync(Seed.KariMother, id);
        using var again = await CancelAsync(Seed.KariMother, id);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("cancelled", Assert.Single(await ListAsync(Seed.KariMother)).GetProperty("status").GetString());
        Assert.Single(await app.FreeSlotsAsync(scheduleId, "?from=2026-04-07&to=2026-04-07"));
        Assert.Equal(["appointment.booked", "appointment.cancelled"], (await OutboxTypesAsync(Seed.KariMother)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Book_WhenTheFutureAppointmentLimitIsReached_Is409AndNothingIsWritten()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Enumerable.Range(0, 5).Select(i => Tuesday.AddHours(i)).ToArray());
        for (var i = 0; i < 4; i++)
        {
            await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[i]);
        }

        using var fifth = await app.BookAsync(Seed.KariMother, "me", scheduleId, slots[4]);

        await ProblemAssert.IsProblem(fifth, HttpStatusCode.Conflict, Problems + "appointment-limit-reached");
        Assert.Equal(4, (await app.RowsAsync(StorageNames.Tables.Appointments, Seed.KariMother, "a|")).Count);
        Assert.Single(await app.FreeSlotsAsync(scheduleId, "?from=2026-04-07&to=2026-04-07"));
    }

    [Fact]
    public async Task Hold_WhenTheHoldLimitIsReached_Is409AndAHoldBlocksOthersUntilItExpires()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday, Tuesday.AddHours(1), Tuesday.AddHours(2));
        using var kari = app.Citizen(Seed.KariMother);
        async Task<HttpResponseMessage> Hold(HttpClient client, string slot) =>
            await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/holds", UriKind.Relative), new { scheduleId, slotId = slot });

        using var first = await Hold(kari, slots[0]);
        using var second = await Hold(kari, slots[1]);
        using var third = await Hold(kari, slots[2]);
        using var olaBlocked = await app.BookAsync(Seed.OlaFather, "me", scheduleId, slots[0]);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await ProblemAssert.IsProblem(third, HttpStatusCode.Conflict, Problems + "hold-limit-reached");
        await ProblemAssert.IsProblem(olaBlocked, HttpStatusCode.Conflict, Problems + "slot-taken");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        using var olaAfterExpiry = await app.BookAsync(Seed.OlaFather, "me", scheduleId, slots[0]);
        using var kariLate = await app.BookAsync(Seed.KariMother, "me", scheduleId, null,
            holdId: (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Created, olaAfterExpiry.StatusCode);
        await ProblemAssert.IsProblem(kariLate, HttpStatusCode.Conflict, Problems + "hold-not-active");
    }

    [Fact]
    public async Task Book_WhenARepresentativeHasNoAppointmentsScope_IsForbidden()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday);
        using (var thea = app.Citizen(Seed.TheaAdultChild))
        using (var grant = await thea.PostAsJsonAsync(new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), new { representative = Seed.SiljeMotherOfHenrik, serviceAreas = new[] { "messages" } }))
        {
            Assert.True(grant.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await grant.Content.ReadAsStringAsync());
        }

        using var silje = await app.BookAsync(Seed.SiljeMotherOfHenrik, Seed.TheaAdultChild, scheduleId, slots[0]);
        using var stranger = await app.BookAsync(Seed.OlaFather, Seed.TheaAdultChild, scheduleId, slots[0]);

        await ProblemAssert.IsProblem(silje, HttpStatusCode.Forbidden, Problems + "forbidden");
        await ProblemAssert.IsProblem(stranger, HttpStatusCode.Forbidden, Problems + "forbidden");
        Assert.Empty(await app.RowsAsync(StorageNames.Tables.Appointments, Seed.TheaAdultChild, "a|"));
    }

    [Fact]
    public async Task Book_WhenAParentBooksForAChildOf12To15_GpAndMunicipalOnly()
    {
        var gp = await app.CreateScheduleAsync("gp");
        var municipal = await app.CreateScheduleAsync("municipal");
        var specialist = await app.CreateScheduleAsync("specialist");
        var gpSlot = (await app.PublishAsync(gp, Tuesday))[0];
        var municipalSlot = (await app.PublishAsync(municipal, Tuesday))[0];
        var specialistSlot = (await app.PublishAsync(specialist, Tuesday))[0];

        using var toGp = await app.BookAsync(Seed.IngridMotherOfTeenagers, Seed.IdaBornOnLeapDay, gp, gpSlot);
        using var toMunicipal = await app.BookAsync(Seed.IngridMotherOfTeenagers, Seed.IdaBornOnLeapDay, municipal, municipalSlot);
        using var toSpecialist = await app.BookAsync(Seed.IngridMotherOfTeenagers, Seed.IdaBornOnLeapDay, specialist, specialistSlot);
        using var youngerChild = await app.BookAsync(Seed.KariMother, Seed.EmmaUnder12, specialist, specialistSlot);

        Assert.Equal(HttpStatusCode.Created, toGp.StatusCode);
        Assert.Equal(HttpStatusCode.Created, toMunicipal.StatusCode);
        await ProblemAssert.IsProblem(toSpecialist, HttpStatusCode.Forbidden, Problems + "forbidden");
        Assert.Equal(HttpStatusCode.Created, youngerChild.StatusCode);
        var booked = await toGp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Seed.IngridMotherOfTeenagers, booked.GetProperty("bookedBy").GetString());
        Assert.Equal(Seed.IdaBornOnLeapDay, booked.GetProperty("subject").GetString());
        // The child's access log names the parent and the basis.
        using var ida = app.Citizen(Seed.IdaBornOnLeapDay);
        var log = await ida.GetStringAsync(new Uri("/api/v1/persons/me/access-log", UriKind.Relative));
        Assert.Contains("appointments.book", log, StringComparison.Ordinal);
        // The child sees that a representative booked, not who: another representative's identity is never shown.
        var own = await ida.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/appointments", UriKind.Relative));
        var seen = own.GetProperty("appointments").EnumerateArray().Select(a => a.GetProperty("bookedBy").GetString()).Distinct().ToList();
        Assert.Equal(["representative"], seen);
    }

    [Fact]
    public async Task Slots_AroundTheSpringDaylightSavingChange_AreShownInOsloTimeWithTheRightOffset()
    {
        var scheduleId = await app.CreateScheduleAsync();
        using var admin = app.Administrator();
        using var published = await admin.PostAsJsonAsync(new Uri($"/api/v1/admin/schedules/{scheduleId}/slots", UriKind.Relative), new
        {
            plan = new { firstDay = "2026-03-28", lastDay = "2026-03-30", dailyFrom = "08:00", dailyTo = "09:00", lengthMinutes = 30, channel = "video" },
        });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(6, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("published").GetInt32());

        var free = await app.FreeSlotsAsync(scheduleId, "?from=2026-03-28&to=2026-03-30");

        Assert.Equal(
            ["2026-03-28T08:00:00+01:00", "2026-03-28T08:30:00+01:00", "2026-03-29T08:00:00+02:00", "2026-03-29T08:30:00+02:00",
             "2026-03-30T08:00:00+02:00", "2026-03-30T08:30:00+02:00"],
            free.Select(s => s.GetProperty("start").GetString()!).ToArray());
        Assert.Equal(["20260328T0700Z-00", "20260329T0600Z-00"], free.Where((_, i) => i is 0 or 2).Select(s => s.GetProperty("slotId").GetString()!).ToArray());
    }

    [Fact]
    public async Task Book_AroundTheDaylightSavingChanges_TheCancelDeadlineIs24ElapsedHours()
    {
        var scheduleId = await app.CreateScheduleAsync();
        // Sunday 29 March 2026 12:00 summer time (10:00Z): 24 hours earlier is Saturday 11:00 winter time.
        // Sunday 25 October 2026 12:00 winter time (11:00Z): 24 hours earlier is Saturday 13:00 summer time.
        var slots = await app.PublishAsync(scheduleId, new DateTimeOffset(2026, 3, 29, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 25, 11, 0, 0, TimeSpan.Zero));

        var spring = await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0]);
        var autumn = await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[1]);

        Assert.Equal("2026-03-29T12:00:00+02:00", spring.GetProperty("start").GetString());
        Assert.Equal("2026-03-28T11:00:00+01:00", spring.GetProperty("cancellableUntil").GetString());
        Assert.Equal("2026-10-25T12:00:00+01:00", autumn.GetProperty("start").GetString());
        Assert.Equal("2026-10-24T13:00:00+02:00", autumn.GetProperty("cancellableUntil").GetString());
    }

    [Fact]
    public async Task Housekeeping_When24HoursBeforeTheStart_EmitsOneReminder()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Tuesday);
        await app.BookOkAsync(Seed.KariMother, "me", scheduleId, slots[0]);

        app.Clock.AdjustTime(Tuesday.AddHours(-25));
        await InvokeHousekeepingAsync();
        Assert.DoesNotContain(await OutboxTypesAsync(Seed.KariMother), t => t == "appointment.reminder-due");

        app.Clock.AdjustTime(Tuesday.AddHours(-24));
        await Task.WhenAll(InvokeHousekeepingAsync(), InvokeHousekeepingAsync());
        await InvokeHousekeepingAsync();

        Assert.Single(await OutboxTypesAsync(Seed.KariMother), t => t == "appointment.reminder-due");
    }

    private async Task InvokeHousekeepingAsync()
    {
        await app.Factory.InvokeOkAsync("Housekeeping", Payloads.Timer("Housekeeping", app.Clock.GetUtcNow()));
    }

    private async Task<IReadOnlyList<string>> OutboxTypesAsync(string person) =>
        (await app.RowsAsync(StorageNames.Tables.Appointments, person, "outbox|")).Select(r => r.GetString("EventType") ?? "?").ToList();

    private async Task<IReadOnlyList<JsonElement>> ListAsync(string caller)
    {
        using var client = app.Citizen(caller);
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/appointments", UriKind.Relative));
        return body.GetProperty("appointments").EnumerateArray().ToList();
    }

    private async Task<HttpResponseMessage> RescheduleAsync(string caller, string id, string slotId)
    {
        using var client = app.Citizen(caller);
        return await client.PostAsJsonAsync(new Uri($"/api/v1/persons/me/appointments/{id}/reschedule", UriKind.Relative), new { slotId });
    }

    private async Task<HttpResponseMessage> CancelAsync(string caller, string id)
    {
        using var client = app.Citizen(caller);
        return await client.DeleteAsync(new Uri($"/api/v1/persons/me/appointments/{id}", UriKind.Relative));
    }
}
