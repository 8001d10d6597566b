namespace CitizenServices.IntegrationTests.Booking;

/// <summary>
/// Rule: an <c>Idempotency-Key</c> on a hold or a move makes a retry answer the first result and change nothing; the same
/// key with another request is 422 <c>idempotency-key-reused</c>; a malformed key is 400 naming the header. And the
/// housekeeping rule that past slots are retired, so a schedule's partition does not grow without bound.
/// </summary>
public sealed class BookingRetryTests(RecordedBookingAppFixture app) : IClassFixture<RecordedBookingAppFixture>
{
    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    /// <summary>Wednesday 6 May 2026 09:00 Oslo (summer time).</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 5, 6, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hold_WhenRetriedWithTheSameIdempotencyKey_ReturnsTheFirstHold()
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();

        using var first = await HoldAsync(person, scheduleId, slots[0], "hold-1");
        using var retry = await HoldAsync(person, scheduleId, slots[0], "hold-1");
        using var otherBody = await HoldAsync(person, scheduleId, slots[1], "hold-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await IdAsync(first), await IdAsync(retry));
        await ProblemAssert.IsProblem(otherBody, HttpStatusCode.UnprocessableEntity, Problems + "idempotency-key-reused");
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, person, "h|"));
        Assert.Single(await app.FreeSlotsAsync(scheduleId, "?from=2026-05-06&to=2026-05-06"));
    }

    [Fact]
    public async Task Hold_WhenTheSameKeyArrivesTwiceAtOnce_BothGetTheOneHold()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => HoldAsync(person, scheduleId, slots[0], "twin-hold")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(IdAsync))).Distinct());
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, person, "h|"));
    }

    [Fact]
    public async Task Hold_WhenUsedByABooking_ItsKeyRecordGoesWithIt()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();
        using var held = await HoldAsync(person, scheduleId, slots[0], "hold-then-book");
        var holdId = Guid.Parse(await IdAsync(held));

        using var booked = await app.BookAsync(person, "me", scheduleId, null, key: "book-from-hold", holdId: holdId);
        using var retry = await HoldAsync(person, scheduleId, slots[0], "hold-then-book");

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        // Only the booking's record is left; a late retry of the hold finds the slot booked (by the same person).
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, person, "i|"));
        Assert.Empty(await app.RowsAsync(StorageNames.Tables.Appointments, person, "h|"));
        await ProblemAssert.IsProblem(retry, HttpStatusCode.Conflict, Problems + "slot-taken");
    }

    [Fact]
    public async Task Reschedule_WhenRetriedWithTheSameIdempotencyKey_ReturnsTheMovedAppointment()
    {
        var (scheduleId, slots) = await ScheduleAsync(3);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString()!;

        using var first = await RescheduleAsync(person, id, slots[1], "move-1");
        using var retry = await RescheduleAsync(person, id, slots[1], "move-1");
        using var otherBody = await RescheduleAsync(person, id, slots[2], "move-1");
        using var withoutKey = await RescheduleAsync(person, id, slots[1], null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(slots[1], (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slotId").GetString());
        await ProblemAssert.IsProblem(otherBody, HttpStatusCode.UnprocessableEntity, Problems + "idempotency-key-reused");
        await ProblemAssert.IsProblem(withoutKey, HttpStatusCode.UnprocessableEntity, Problems + "same-slot");
        var events = (await app.RowsAsync(StorageNames.Tables.Appointments, person, "outbox|")).Select(r => r.GetString("EventType")).ToList();
        Assert.Single(events, e => e == "appointment.rescheduled");
        Assert.Equal(2, (await app.FreeSlotsAsync(scheduleId, "?from=2026-05-06&to=2026-05-06")).Count);
    }

    [Fact]
    public async Task Reschedule_WhenTheSameKeyArrivesTwiceAtOnce_BothGetTheOneMove()
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RescheduleAsync(person, id, slots[1], "twin-move")));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var events = (await app.RowsAsync(StorageNames.Tables.Appointments, person, "outbox|")).Select(r => r.GetString("EventType")).ToList();
        Assert.Single(events, e => e == "appointment.rescheduled");
    }

    [Fact]
    public async Task Reschedule_WhenItsTwinMovedTheAppointmentBetweenItsReadAndItsSlotRead_AnswersTheMove()
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString()!;
        HttpResponseMessage? twin = null;

        // The retry has read the person's partition (no record of the key yet); before it reads the new slot, its twin
        // moves the appointment to its end: the slot it then reads is booked by this very appointment, with no intent left.
        app.Recorder.BeforeNextRequest(
            (method, path) => method == "GET" && path.Contains("slot|" + slots[1], StringComparison.Ordinal),
            async () => twin = await RescheduleAsync(person, id, slots[1], "raced-move"));
        using var retry = await RescheduleAsync(person, id, slots[1], "raced-move");

        using (twin)
        {
            Assert.NotNull(twin);
            Assert.Equal(HttpStatusCode.OK, twin.StatusCode);
        }

        Assert.True(retry.StatusCode == HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        Assert.Equal(slots[1], (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slotId").GetString());
        var events = (await app.RowsAsync(StorageNames.Tables.Appointments, person, "outbox|")).Select(r => r.GetString("EventType")).ToList();
        Assert.Single(events, e => e == "appointment.rescheduled");
    }

    [Theory]
    [InlineData("holds")]
    [InlineData("reschedule")]
    public async Task Retry_WhenTheIdempotencyKeyIsMalformed_IsRejectedNamingTheHeaderAndNothingIsWritten(string route)
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();
        var id = route == "reschedule" ? (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString()! : null;
        var tooLong = new string('k', 201);

        using var response = route == "holds"
            ? await HoldAsync(person, scheduleId, slots[1], tooLong)
            : await RescheduleAsync(person, id!, slots[1], tooLong);

        var body = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, Problems + "invalid-request");
        Assert.Equal("Idempotency-Key", body.GetProperty("field").GetString());
        Assert.Empty(await app.RowsAsync(StorageNames.Tables.Appointments, person, "h|"));
        Assert.Equal(route == "holds" ? 2 : 1, (await app.FreeSlotsAsync(scheduleId, "?from=2026-05-06&to=2026-05-06")).Count);
    }

    [Fact]
    public async Task Housekeeping_WhenASlotEndedMoreThanADayAgo_RetiresItAndKeepsTheAppointment()
    {
        var (scheduleId, slots) = await ScheduleAsync(3);
        var person = Person();
        await app.BookOkAsync(person, "me", scheduleId, slots[0]);
        var later = await app.PublishAsync(scheduleId, Wednesday.AddDays(2));

        // Slots 0-2 end at 07:20, 07:40, 08:00 UTC on Wednesday; one day after the second has ended, the third has not.
        app.Clock.AdjustTime(Wednesday.AddDays(1).AddMinutes(40));
        await app.Factory.InvokeOkAsync("Housekeeping", Payloads.Timer("Housekeeping", app.Clock.GetUtcNow()));

        var left = (await app.RowsAsync(StorageNames.Tables.Schedules, scheduleId, "slot|")).Select(r => r.RowKey["slot|".Length..]).ToList();
        Assert.Equal([slots[2], later[0]], left);
        Assert.NotNull(await app.Table(StorageNames.Tables.Schedules).GetAsync<TableEntity>(scheduleId, "schedule"));
        Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, person, "a|"));
    }

    private static string Person() => SyntheticPeople.Fresh(1)[0].Value;

    private static async Task<string> IdAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

    private async Task<(string ScheduleId, IReadOnlyList<string> Slots)> ScheduleAsync(int count)
    {
        app.Clock.AdjustTime(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero));
        var scheduleId = await app.CreateScheduleAsync();
        return (scheduleId, await app.PublishAsync(scheduleId, Enumerable.Range(0, count).Select(i => Wednesday.AddMinutes(20 * i)).ToArray()));
    }

    private async Task<HttpResponseMessage> HoldAsync(string person, string scheduleId, string slotId, string? key)
    {
        using var client = app.Citizen(person);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/persons/me/holds", UriKind.Relative))
        {
            Content = JsonContent.Create(new { scheduleId, slotId }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> RescheduleAsync(string person, string id, string slotId, string? key)
    {
        using var client = app.Citizen(person);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/persons/me/appointments/{id}/reschedule", UriKind.Relative))
        {
            Content = JsonContent.Create(new { slotId }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }
}
