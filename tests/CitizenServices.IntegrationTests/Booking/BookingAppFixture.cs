using System.Globalization;
namespace CitizenServices.IntegrationTests.Booking;

/// <summary>
/// The real handler with the committed seed register, Azurite and a clock the tests set. Every test creates its own
/// schedule (a fresh id), and clears the appointments of the seed people it uses, so tests do not see each other's slots.
/// </summary>
/// <remarks>The clock starts on Friday 20 March 2026, 10:00 UTC (11:00 in Oslo, winter time).</remarks>
public class BookingAppFixture : ClockedAppFixture
{
    public BookingAppFixture()
        : this(null)
    {
    }

    /// <param name="tablePolicy">Watches or fails the app's table requests (see <see cref="ClockedAppFixture"/>).</param>
    /// <param name="position">Per retry for a recorder, per call for a fault.</param>
    protected BookingAppFixture(Azure.Core.Pipeline.HttpPipelinePolicy? tablePolicy, Azure.Core.HttpPipelinePosition position = Azure.Core.HttpPipelinePosition.PerRetry)
        : base(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero), tablePolicy, position)
    {
    }

    public const string Municipality = "0301";

    public HttpClient Administrator(string municipality = Municipality) =>
        Factory.CreateClient(Factory.Tokens.Workforce([AppRoles.SchedulesManage], municipality));

    public T Service<T>()
        where T : notnull => Factory.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>Creates a schedule with a fresh id and returns the id.</summary>
    public async Task<string> CreateScheduleAsync(string kind = "gp", int deadlineHours = 24, string municipality = Municipality)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var admin = Administrator(municipality);
        using var response = await admin.PutAsJsonAsync(new Uri($"/api/v1/admin/schedules/{id}", UriKind.Relative), new
        {
            name = "Test legesenter",
            kind,
            municipality,
            cancellationDeadlineHours = deadlineHours,
            channels = new[] { "in-person", "video" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Publishes in-person slots at the given instants (20 minutes each) and returns their ids, in order.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(string scheduleId, params DateTimeOffset[] starts)
    {
        using var admin = Administrator();
        using var response = await admin.PostAsJsonAsync(new Uri($"/api/v1/admin/schedules/{scheduleId}/slots", UriKind.Relative), new
        {
            slots = starts.Select(s => new { start = s, lengthMinutes = 20, channel = "in-person" }).ToArray(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return starts.Select(s => s.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture) + "-00").ToList();
    }

    public async Task<HttpResponseMessage> BookAsync(string caller, string subject, string scheduleId, string? slotId, string? key = null, Guid? holdId = null)
    {
        using var client = Citizen(caller);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/persons/{subject}/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { scheduleId, slotId, holdId }),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public async Task<JsonElement> BookOkAsync(string caller, string subject, string scheduleId, string slotId)
    {
        using var response = await BookAsync(caller, subject, scheduleId, slotId);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public async Task<IReadOnlyList<JsonElement>> FreeSlotsAsync(string scheduleId, string query = "")
    {
        using var client = Citizen(Seed.KariMother);
        using var response = await client.GetAsync(new Uri($"/api/v1/schedules/{scheduleId}/slots{query}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text).GetProperty("slots").EnumerateArray().ToList();
    }

    /// <summary>Deletes everything in these people's appointment partitions.</summary>
    public async Task ClearAsync(params string[] people)
    {
        foreach (var person in people)
        {
            foreach (var row in await RowsAsync(StorageNames.Tables.Appointments, person))
            {
                await Table(StorageNames.Tables.Appointments).DeleteAsync(row.PartitionKey, row.RowKey);
            }
        }
    }

}
