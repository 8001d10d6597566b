using CitizenServices.Application.Booking;
using CitizenServices.Domain.Booking;

namespace CitizenServices.IntegrationTests.Booking;

/// <summary>
/// A slot is booked at most once under any concurrency, and no hold, intent or appointment is left orphaned: checked
/// across both partitions (the schedule's slots and every person's appointments) after the race. Also what happens when
/// a request stops between its writes: the slot's intent is resolved from the person's partition.
/// </summary>
public sealed class BookingConcurrencyTests(BookingAppFixture app) : IClassFixture<BookingAppFixture>
{
    private const string Problems = "https://citizen-services.helsenorge.no/problems/";

    [Fact]
    public async Task Book_When200ParallelAttemptsOn20Slots_EachSlotIsBookedOnceAndEveryLoserGets409()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var firstStart = new DateTimeOffset(2026, 4, 7, 7, 0, 0, TimeSpan.Zero);
        var slotIds = await app.PublishAsync(scheduleId, Enumerable.Range(0, 20).Select(i => firstStart.AddMinutes(20 * i)).ToArray());
        var people = SyntheticPeople.FreshNumbers(200);

        var responses = await Task.WhenAll(people.Select((person, i) => app.BookAsync(person, "me", scheduleId, slotIds[i % 20])));

        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(20, created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(loser, HttpStatusCode.Conflict, Problems + "slot-taken");
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }

        await AssertConsistentAsync(scheduleId, slotIds, people, expectedAppointments: 20);
    }

    [Fact]
    public async Task Hold_When200ParallelHoldsOn20Slots_EachSlotIsHeldOnceAndTheHoldersCanBook()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var firstStart = new DateTimeOffset(2026, 4, 8, 7, 0, 0, TimeSpan.Zero);
        var slotIds = await app.PublishAsync(scheduleId, Enumerable.Range(0, 20).Select(i => firstStart.AddMinutes(20 * i)).ToArray());
        var people = SyntheticPeople.FreshNumbers(200);

        var responses = await Task.WhenAll(people.Select(async (person, i) =>
        {
            using var client = app.Citizen(person);
            var response = await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/holds", UriKind.Relative), new { scheduleId, slotId = slotIds[i % 20] });
            return (Person: person, Response: response);
        }));

        var holders = responses.Where(r => r.Response.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(20, holders.Count);
        foreach (var (_, loser) in responses.Where(r => r.Response.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(loser, HttpStatusCode.Conflict, Problems + "slot-taken");
        }

        var bookings = await Task.WhenAll(holders.Select(async h =>
        {
            var hold = await h.Response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            using var booked = await app.BookAsync(h.Person, "me", scheduleId, null, holdId: hold.GetProperty("id").GetGuid());
            return booked.StatusCode;
        }));
        Assert.All(bookings, status => Assert.Equal(HttpStatusCode.Created, status));
        await AssertConsistentAsync(scheduleId, slotIds, people, expectedAppointments: 20);
    }

    [Fact]
    public async Task Resolve_WhenARequestStoppedAfterClaimingTheSlot_TheSlotIsFreedAndTheLateCommitIsFenced()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slotId = (await app.PublishAsync(scheduleId, new DateTimeOffset(2026, 4, 9, 7, 0, 0, TimeSpan.Zero)))[0];
        var crashed = SyntheticPeople.Fresh(1)[0];
        var schedules = app.Service<IScheduleStore>();
        var appointments = app.Service<IAppointmentStore>();
        var coordinator = app.Service<SlotCoordinator>();

        // Step 1 of a booking, then nothing: the request "crashed" before committing the appointment.
        var loadedBeforeClaim = await appointments.LoadAsync(crashed, CancellationToken.None);
        var stored = (await schedules.FindSlotAsync(scheduleId, slotId, CancellationToken.None))!;
        var appointmentId = Guid.NewGuid();
        Assert.NotNull(await coordinator.MarkAsync(stored, appointmentId, crashed, null, CancellationToken.None));
        Assert.Empty(await app.FreeSlotsAsync(scheduleId, "?from=2026-04-09&to=2026-04-09"));

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var free = await app.FreeSlotsAsync(scheduleId, "?from=2026-04-09&to=2026-04-09");

        Assert.Equal(slotId, Assert.Single(free).GetProperty("slotId").GetString());
        // The late step 2 of the stopped request can no longer commit: the resolver moved the head on.
        var slot = stored.Slot;
        var late = new Appointment(appointmentId, crashed, crashed, scheduleId, ScheduleKind.Gp, slot.Id, slot.Start, slot.Length, slot.Channel,
            slot.Start.AddHours(-24), AppointmentStatus.Booked, app.Clock.GetUtcNow(), null, null, null, null);
        Assert.False(await appointments.CommitAsync(new BookingCommit(loadedBeforeClaim, late, null, [], null, []), CancellationToken.None));
        Assert.Empty((await appointments.LoadAsync(crashed, CancellationToken.None)).Appointments);
    }

    [Fact]
    public async Task Resolve_WhenARequestStoppedAfterCommittingTheAppointment_TheSlotBecomesBookedByIt()
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slotId = (await app.PublishAsync(scheduleId, new DateTimeOffset(2026, 4, 10, 7, 0, 0, TimeSpan.Zero)))[0];
        var person = SyntheticPeople.Fresh(1)[0];
        var schedules = app.Service<IScheduleStore>();
        var appointments = app.Service<IAppointmentStore>();
        var coordinator = app.Service<SlotCoordinator>();

        var loaded = await appointments.LoadAsync(person, CancellationToken.None);
        var stored = (await schedules.FindSlotAsync(scheduleId, slotId, CancellationToken.None))!;
        var slot = stored.Slot;
        var appointment = new Appointment(Guid.NewGuid(), person, person, scheduleId, ScheduleKind.Gp, slot.Id, slot.Start, slot.Length, slot.Channel,
            slot.Start.AddHours(-24), AppointmentStatus.Booked, app.Clock.GetUtcNow(), null, null, null, null);
        Assert.NotNull(await coordinator.MarkAsync(stored, appointment.Id, person, null, CancellationToken.None));
        Assert.True(await appointments.CommitAsync(new BookingCommit(loaded, appointment, null, [], null, []), CancellationToken.None));
        // ... and stopped before settling the slot.

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await app.FreeSlotsAsync(scheduleId, "?from=2026-04-10&to=2026-04-10"));

        var settled = (await schedules.FindSlotAsync(scheduleId, slotId, CancellationToken.None))!.Slot;
        Assert.Null(settled.Intent);
        Assert.Equal(appointment.Id, settled.AppointmentId);
        Assert.Equal(person, settled.BookedFor);
    }

    /// <summary>
    /// Both sides agree: every booked slot is held by an active appointment in its person's partition that names it, every
    /// active appointment's slot names it back, no slot carries a hold or an in-flight intent, and no person keeps a hold.
    /// </summary>
    private async Task AssertConsistentAsync(string scheduleId, IReadOnlyList<string> slotIds, IReadOnlyList<string> people, int expectedAppointments)
    {
        var slots = (await app.RowsAsync(StorageNames.Tables.Schedules, scheduleId, "slot|")).ToDictionary(r => r.RowKey["slot|".Length..]);
        Assert.Equal(slotIds.Count, slots.Count);
        var appointments = new List<(string Person, TableEntity Row)>();
        foreach (var person in people)
        {
            var rows = await app.RowsAsync(StorageNames.Tables.Appointments, person);
            Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("h|", StringComparison.Ordinal));
            appointments.AddRange(rows.Where(r => r.RowKey.StartsWith("a|", StringComparison.Ordinal)).Select(r => (person, r)));
        }

        Assert.Equal(expectedAppointments, appointments.Count);
        Assert.Equal(expectedAppointments, appointments.Select(a => a.Row.GetString("SlotId")).Distinct().Count());
        foreach (var (person, row) in appointments)
        {
            Assert.Equal("booked", row.GetString("Status"));
            var slot = slots[row.GetString("SlotId")!];
            Assert.Equal(row.GetGuid("AppointmentId"), slot.GetGuid("AppointmentId"));
            Assert.Equal(person, slot.GetString("BookedFor"));
        }

        foreach (var slot in slots.Values)
        {
            Assert.Equal("booked", slot.GetString("State"));
            Assert.Null(slot.GetGuid("IntentAppointmentId"));
            Assert.Null(slot.GetGuid("HoldId"));
        }
    }
}
