using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CitizenServices.Domain.Identity;
using CitizenServices.Functions.Authentication;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.IntegrationTests.Support;
using CitizenServices.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenServices.IntegrationTests.Booking;

/// <summary>
/// The real handler with the committed seed register, Azurite and a clock the tests set. Every test creates its own
/// schedule (a fresh id), and clears the appointments of the seed people it uses, so tests do not see each other's slots.
/// </summary>
public sealed class BookingAppFixture : IAsyncLifetime
{
    public const string Municipality = "0301";

    public BookingAppFixture()
    {
        Factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock) };
    }

    /// <summary>Friday 20 March 2026, 10:00 UTC (11:00 in Oslo, winter time).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero));

    public CitizenServicesFactory Factory { get; }

    public HttpClient Citizen(string pid) => Factory.CreateClient(Factory.Tokens.Citizen(pid));

    public HttpClient Administrator(string municipality = Municipality) =>
        Factory.CreateClient(Factory.Tokens.Workforce([AppRoles.SchedulesManage], municipality));

    public BoundedTable Table(string name) => Factory.Services.GetRequiredService<TableStore>().Table(name);

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

    /// <summary>Rows of one partition of a table.</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string table, string partitionKey, string? prefix = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryPartitionAsync<TableEntity>(partitionKey, prefix))
        {
            rows.Add(row);
        }

        return rows;
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

    /// <summary>Valid synthetic numbers (month + 80) of people born in 1971, not in the seed: as many distinct citizens as a test needs.</summary>
    public static IReadOnlyList<string> SyntheticPeople(int count, int firstDay = 0)
    {
        var people = new List<string>(count);
        for (var day = new DateOnly(1971, 1, 1).AddDays(firstDay); people.Count < count; day = day.AddDays(1))
        {
            for (var individual = 100; individual < 500 && people.Count < count; individual += 37)
            {
                var head = string.Create(CultureInfo.InvariantCulture, $"{day.Day:00}{day.Month + 80:00}{day.Year % 100:00}{individual:000}");
                for (var controls = 0; controls < 100; controls++)
                {
                    if (NationalIdentityNumber.TryParse(head + controls.ToString("00", CultureInfo.InvariantCulture), out var number))
                    {
                        people.Add(number.Value);
                        break;
                    }
                }
            }
        }

        return people;
    }

    public async Task InitializeAsync() => await Factory.StartAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
