using System.Globalization;

namespace CitizenServices.IntegrationTests.Booking;

/// <summary>The booking app with a recorder on its table client, so a test can count what one request costs.</summary>
public sealed class RecordedBookingAppFixture : BookingAppFixture
{
    public RecordedBookingAppFixture()
        : this(new StorageRequestRecorder())
    {
    }

    private RecordedBookingAppFixture(StorageRequestRecorder recorder)
        : base(recorder) => Recorder = recorder;

    /// <summary>The recorder's latency while a request is measured (see <see cref="StorageRequestRecorder.Latency"/>).</summary>
    public static readonly TimeSpan MeasuredLatency = TimeSpan.FromMilliseconds(60);

    public StorageRequestRecorder Recorder { get; }
}

/// <summary>
/// What the hot paths cost in storage, counted on the wire by a pipeline policy on the app's table client (every retry
/// included), through the real app: <b>requests</b> is every storage request the HTTP request made; <b>sequential round
/// trips</b> is the longest chain of them each sent only after the one before was answered, so reads sent together count
/// once and an entity group transaction (<c>$batch</c>) is one round trip. The figures are in docs/performance.md; a change
/// that adds a round trip to a hot path fails here and must say why there.
/// </summary>
public sealed class BookingRoundTripCountTests(RecordedBookingAppFixture app) : IClassFixture<RecordedBookingAppFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 4, 13, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Book_WhenTheSlotIsFree_CostsSevenRequestsInFourSequentialRoundTrips()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();

        var cost = await MeasureAsync(() => app.BookAsync(person, "me", scheduleId, slots[0]), HttpStatusCode.Created);

        // The person's partition, the schedule and the slot read together; the claim with the outbox's index entry; the
        // commit (appointment, key record, event); the slot settled.
        Assert.True(cost == (7, 4), Describe(cost));
    }

    [Fact]
    public async Task Book_WhenTheSlotIsTaken_CostsOneSequentialRoundTrip()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        await app.BookOkAsync(Person(), "me", scheduleId, slots[0]);

        var cost = await MeasureAsync(() => app.BookAsync(Person(), "me", scheduleId, slots[0]), HttpStatusCode.Conflict);

        Assert.True(cost == (3, 1), Describe(cost));
    }

    [Fact]
    public async Task Hold_WhenTheSlotIsFree_CostsFiveRequestsInThreeSequentialRoundTrips()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();

        var cost = await MeasureAsync(() => HoldAsync(person, scheduleId, slots[0]), HttpStatusCode.Created);

        // The three reads together; the hold on the slot; the hold in the person's partition.
        Assert.True(cost == (5, 3), Describe(cost));
    }

    [Fact]
    public async Task Book_WhenTheSlotIsHeldByTheCaller_CostsFiveSequentialRoundTrips()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();
        using var held = await HoldAsync(person, scheduleId, slots[0]);
        var holdId = (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var cost = await MeasureAsync(() => app.BookAsync(person, "me", scheduleId, null, holdId: holdId), HttpStatusCode.Created);

        // The hold names the slot, so the slot is read after the person's partition: one round trip more than a booking.
        Assert.True(cost == (7, 5), Describe(cost));
    }

    [Fact]
    public async Task Reschedule_WhenTheNewSlotIsFree_CostsEightRequestsInFiveSequentialRoundTrips()
    {
        var (scheduleId, slots) = await ScheduleAsync(2);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString();

        var cost = await MeasureAsync(
            async () =>
            {
                using var client = app.Citizen(person);
                return await client.PostAsJsonAsync(new Uri($"/api/v1/persons/me/appointments/{id}/reschedule", UriKind.Relative), new { slotId = slots[1] });
            },
            HttpStatusCode.OK);

        // The person's partition; the schedule, the new slot and the old together; both slots marked in one transaction
        // with the outbox's index entry; the commit; both slots settled in one transaction.
        Assert.True(cost == (8, 5), Describe(cost));
    }

    [Fact]
    public async Task Cancel_WhenBooked_CostsSixRequestsInFiveSequentialRoundTrips()
    {
        var (scheduleId, slots) = await ScheduleAsync(1);
        var person = Person();
        var id = (await app.BookOkAsync(person, "me", scheduleId, slots[0])).GetProperty("id").GetString();

        var cost = await MeasureAsync(
            async () =>
            {
                using var client = app.Citizen(person);
                return await client.DeleteAsync(new Uri($"/api/v1/persons/me/appointments/{id}", UriKind.Relative));
            },
            HttpStatusCode.NoContent);

        // The person's partition; the slot with the outbox's index entry; the release mark; the commit; the slot freed.
        Assert.True(cost == (6, 5), Describe(cost));
    }

    [Fact]
    public async Task ListAppointments_WhenARepresentativeReadsAChilds_CostsFourSequentialRoundTrips()
    {
        var cost = await MeasureAsync(
            async () =>
            {
                using var client = app.Citizen(Seed.KariMother);
                return await client.GetAsync(new Uri($"/api/v1/persons/{Seed.EmmaUnder12}/appointments", UriKind.Relative));
            },
            HttpStatusCode.OK);

        // The decision (the child's partition of people), the access-log append (its head, then its transaction), then
        // the child's appointments: the append is awaited before the handler runs.
        Assert.True(cost == (4, 4), Describe(cost));
    }

    [Fact]
    public async Task DecideConsent_WhenGiven_CostsFiveSequentialRoundTrips()
    {
        var person = Person();

        var cost = await MeasureAsync(
            async () =>
            {
                using var client = app.Citizen(person);
                using var body = new StringContent("{\"decision\":\"given\",\"version\":\"1.1\"}", Encoding.UTF8, "application/json");
                return await client.PutAsync(new Uri("/api/v1/persons/me/consents/research-heart-rhythm-study", UriKind.Relative), body);
            },
            HttpStatusCode.OK);

        // The person's consent partition, the outbox's index entry, the transaction, then the index by definition (its
        // read and its write), after the commit.
        Assert.True(cost == (5, 5), Describe(cost));
    }

    private static string Person() => SyntheticPeople.Fresh(1)[0].Value;

    private async Task<(string ScheduleId, IReadOnlyList<string> Slots)> ScheduleAsync(int count)
    {
        var scheduleId = await app.CreateScheduleAsync();
        var slots = await app.PublishAsync(scheduleId, Enumerable.Range(0, count).Select(i => Monday.AddMinutes(20 * i)).ToArray());
        return (scheduleId, slots);
    }

    private async Task<HttpResponseMessage> HoldAsync(string person, string scheduleId, string slotId)
    {
        using var client = app.Citizen(person);
        return await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/holds", UriKind.Relative), new { scheduleId, slotId });
    }

    private string Describe((int Requests, int Sequential) cost) => string.Create(
        CultureInfo.InvariantCulture, $"{cost.Requests} requests, {cost.Sequential} sequential: {string.Join("; ", app.Recorder.Requests)}");

    /// <summary>Runs one HTTP request and answers what it cost in storage (requests, sequential round trips).</summary>
    private async Task<(int Requests, int Sequential)> MeasureAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        app.Recorder.Reset();
        app.Recorder.Latency = RecordedBookingAppFixture.MeasuredLatency;
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        finally
        {
            app.Recorder.Latency = TimeSpan.Zero;
        }

        using var answered = response;
        var cost = (app.Recorder.Count, app.Recorder.SequentialRoundTrips);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return cost;
    }
}
