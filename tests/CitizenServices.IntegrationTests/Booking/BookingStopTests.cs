namespace CitizenServices.IntegrationTests.Booking;

/// <summary>
/// The booking app with a fault on its table client that can stop a request after its Nth write: every storage request
/// after that fails, as if the process had died there (the reads it had made and the writes that landed stay).
/// </summary>
public sealed class StoppableBookingAppFixture : BookingAppFixture
{
    private readonly Stopper _stopper;

    public StoppableBookingAppFixture()
        : this(new Stopper())
    {
    }

    private StoppableBookingAppFixture(Stopper stopper)
        : base(new StorageFault(stopper.Decide), Azure.Core.HttpPipelinePosition.PerCall) => _stopper = stopper;

    /// <summary>Lets <paramref name="writes"/> more writes through, then fails every storage request until <see cref="Resume"/>.</summary>
    public void StopAfterWrites(int writes) => _stopper.Arm(writes);

    public void Resume() => _stopper.Disarm();

    private sealed class Stopper
    {
        private int _writesLeft;
        private volatile bool _armed;
        private volatile bool _stopped;

        public void Arm(int writes)
        {
            _writesLeft = writes;
            _stopped = false;
            _armed = true;
        }

        public void Disarm() => (_armed, _stopped) = (false, false);

        public Azure.RequestFailedException? Decide(OutgoingStorageRequest request)
        {
            if (!_armed)
            {
                return null;
            }

            if (!_stopped && request.IsWrite && Interlocked.Decrement(ref _writesLeft) < 0)
            {
                _stopped = true;
            }

            return _stopped ? StorageFault.Unavailable("The request stopped here (injected).") : null;
        }
    }
}

/// <summary>
/// Rule: a request that stops after any of its steps leaves no orphan and loses no event. Each test stops a booking, a
/// hold, a move or a cancellation after its 0th, 1st, 2nd, ... write (the reads before a write change nothing), lets the
/// in-flight intents and holds run out, lets the free-slot listing resolve what it meets, and then checks both partitions
/// agree: every booked slot names an active appointment that names it back, every active appointment's slot names it, no
/// slot keeps an intent or a hold, and each appointment change is in the person's outbox exactly when it is in the state.
/// </summary>
public sealed class BookingStopTests(StoppableBookingAppFixture app) : IClassFixture<StoppableBookingAppFixture>
{
    /// <summary>
    /// The write after which a booking, move or cancellation has committed: its slot write and the outbox's index entry
    /// (sent together, in either order), then the person's transaction. The settle is the fourth.
    /// </summary>
    private const int Committed = 3;

    private static readonly DateTimeOffset Day = new(2026, 5, 4, 7, 0, 0, TimeSpan.Zero);
    private static readonly string DayQuery = "?from=2026-05-04&to=2026-05-04";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Book_WhenTheRequestStopsAfterEachWrite_LeavesNoOrphanAndNoLostEvent(int writes)
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();

        app.StopAfterWrites(writes);
        using (await app.BookAsync(person, "me", scheduleId, slots[0]))
        {
        }

        var booked = await SettleAndCheckAsync(scheduleId, slots, person);

        // Stopped before the commit: nothing booked, and the slot is free again. After it: booked, whatever the slot said.
        Assert.Equal(writes >= Committed ? 1 : 0, booked);
        Assert.Equal(writes >= Committed ? 0 : 1, (await app.FreeSlotsAsync(scheduleId, DayQuery)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Hold_WhenTheRequestStopsAfterEachWrite_TheSlotIsFreeOnceTheHoldWouldHaveExpired(int writes)
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();

        app.StopAfterWrites(writes);
        using (var client = app.Citizen(person))
        using (await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/holds", UriKind.Relative), new { scheduleId, slotId = slots[0] }))
        {
        }

        Assert.Equal(0, await SettleAndCheckAsync(scheduleId, slots, person));
        Assert.Single(await app.FreeSlotsAsync(scheduleId, DayQuery));
        using var booked = await app.BookAsync(Person(), "me", scheduleId, slots[0]);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Reschedule_WhenTheRequestStopsAfterEachWrite_TheAppointmentIsInExactlyOneSlot(int writes)
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString();

        app.StopAfterWrites(writes);
        using (var client = app.Citizen(person))
        using (await client.PostAsJsonAsync(new Uri($"/api/v1/persons/me/appointments/{id}/reschedule", UriKind.Relative), new { slotId = slots[1] }))
        {
        }

        Assert.Equal(1, await SettleAndCheckAsync(scheduleId, slots, person));
        var appointment = Assert.Single(await app.RowsAsync(StorageNames.Tables.Appointments, person, "a|"));
        Assert.Equal(writes >= Committed ? slots[1] : slots[0], appointment.GetString("SlotId"));
        Assert.Equal(writes >= Committed ? slots[0] : slots[1], Assert.Single(await app.FreeSlotsAsync(scheduleId, DayQuery)).GetProperty("slotId").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Cancel_WhenTheRequestStopsAfterEachWrite_TheSlotIsFreeExactlyWhenTheAppointmentIsCancelled(int writes)
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString();

        app.StopAfterWrites(writes);
        using (var client = app.Citizen(person))
        using (await client.DeleteAsync(new Uri($"/api/v1/persons/me/appointments/{id}", UriKind.Relative)))
        {
        }

        Assert.Equal(writes >= Committed ? 0 : 1, await SettleAndCheckAsync(scheduleId, slots, person));
        Assert.Equal(writes >= Committed ? 1 : 0, (await app.FreeSlotsAsync(scheduleId, DayQuery)).Count);
    }

    private static string Person() => SyntheticPeople.Fresh(1)[0].Value;

    private async Task<(string ScheduleId, IReadOnlyList<string> Slots)> ScheduleAsync(int count)
    {
        app.Resume();
        var scheduleId = await app.CreateScheduleAsync();
        return (scheduleId, await app.PublishAsync(scheduleId, Enumerable.Range(0, count).Select(i => Day.AddHours(i)).ToArray()));
    }

    /// <summary>
    /// Lets intents (30 s) and holds (5 min) run out, lets the listing resolve the slots, and checks both partitions agree;
    /// returns how many active appointments the person has.
    /// </summary>
    private async Task<int> SettleAndCheckAsync(string scheduleId, IReadOnlyList<string> slotIds, string person)
    {
        app.Resume();
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await app.FreeSlotsAsync(scheduleId, DayQuery);

        var slots = (await app.RowsAsync(StorageNames.Tables.Schedules, scheduleId, "slot|")).ToDictionary(r => r.RowKey["slot|".Length..]);
        Assert.Equal(slotIds.Count, slots.Count);
        var rows = await app.RowsAsync(StorageNames.Tables.Appointments, person);
        var appointments = rows.Where(r => r.RowKey.StartsWith("a|", StringComparison.Ordinal)).ToList();
        var active = appointments.Where(a => a.GetString("Status") == "booked").ToList();
        foreach (var appointment in active)
        {
            var slot = slots[appointment.GetString("SlotId")!];
            Assert.Equal(appointment.GetGuid("AppointmentId"), slot.GetGuid("AppointmentId"));
            Assert.Equal(person, slot.GetString("BookedFor"));
        }

        foreach (var slot in slots.Values)
        {
            Assert.Null(slot.GetGuid("IntentAppointmentId"));
            Assert.True(slot.GetGuid("HoldId") is null || slot.GetDateTimeOffset("HoldUntil") <= app.Clock.GetUtcNow(), "A hold outlived its expiry.");
            if (slot.GetGuid("AppointmentId") is { } booked)
            {
                Assert.Contains(active, a => a.GetGuid("AppointmentId") == booked);
            }
        }

        // The outbox row commits with the state: one event per change that is in the state, none for a change that is not.
        var events = rows.Where(r => r.RowKey.StartsWith("outbox|", StringComparison.Ordinal)).Select(r => r.GetString("EventType")).ToList();
        Assert.Equal(appointments.Count, events.Count(e => e == "appointment.booked"));
        Assert.Equal(appointments.Count(a => a.GetDateTimeOffset("RescheduledAt") is not null), events.Count(e => e == "appointment.rescheduled"));
        Assert.Equal(appointments.Count(a => a.GetString("Status") == "cancelled"), events.Count(e => e == "appointment.cancelled"));
        return active.Count;
    }
}
