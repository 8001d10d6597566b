using System.Net.Http.Json;
using Azure.Data.Tables;
using CitizenServices.DevTokens;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.Testing;

namespace CitizenServices.Benchmarks;

/// <summary>
/// The two steps of <c>scripts/load.sh</c> that need our code: <c>load-prepare</c> seeds a schedule with slots through
/// the API and writes the tokens and targets the wrk scripts read; <c>load-check</c> reads storage after the booking
/// rush and fails when any slot was booked more than once.
/// </summary>
internal static class LoadFixture
{
    public static async Task<int> PrepareAsync(Uri baseUrl, string outDir, string scheduleId, int slots, int citizens)
    {
        Directory.CreateDirectory(outDir);
        var tokens = TokenFactory.Development();
        using var http = new HttpClient { BaseAddress = baseUrl };
        var admin = tokens.Workforce(["Schedules.Manage"], "0301");

        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/schedules/{scheduleId}")
        {
            Content = JsonContent.Create(new { name = "Load rush", kind = "gp", municipality = "0301", channels = new[] { "in-person" } }),
        })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
        }

        var first = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(30), TimeSpan.Zero);
        var starts = Enumerable.Range(0, slots).Select(i => first.AddMinutes(5 * i)).ToList();
        using (var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/schedules/{scheduleId}/slots")
        {
            Content = JsonContent.Create(new { slots = starts.Select(s => new { start = s, lengthMinutes = 5, channel = "in-person" }).ToArray() }),
        })
        {
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(post)).EnsureSuccessStatusCode();
        }

        var slotIds = starts.Select(s => s.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture) + "-00").ToList();

        // One line per booking attempt: "<token> <slot id>". Attempt i books slot i mod slots as a distinct citizen, so with
        // more citizens than slots several citizens race for every slot.
        var people = SyntheticPeople.Fresh(citizens);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "booking.txt"),
            people.Select((p, i) => tokens.Citizen(p.Value) + " " + slotIds[i % slotIds.Count]));
        await File.WriteAllTextAsync(Path.Combine(outDir, "schedule.txt"), scheduleId);
        await File.WriteAllTextAsync(Path.Combine(outDir, "kari.token"), tokens.Citizen(Seed.KariMother));
        Console.WriteLine($"prepared schedule {scheduleId}: {slots} slots, {citizens} booking attempts");
        return 0;
    }

    public static async Task<int> CheckAsync(string connectionString, string scheduleId)
    {
        var service = new TableServiceClient(connectionString);
        var appointments = service.GetTableClient(StorageNames.Tables.Appointments);
        var perSlot = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in appointments.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"ScheduleId eq {scheduleId} and Status eq {"booked"}"), select: ["SlotId"]))
        {
            var slot = row.GetString("SlotId");
            perSlot[slot] = perSlot.GetValueOrDefault(slot) + 1;
        }

        var bookedSlots = 0;
        var schedules = service.GetTableClient(StorageNames.Tables.Schedules);
        await foreach (var _ in schedules.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {scheduleId} and State eq {"booked"}"), select: ["State"]))
        {
            bookedSlots++;
        }

        var doubles = perSlot.Count(p => p.Value > 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check {scheduleId}: {perSlot.Values.Sum()} appointments on {perSlot.Count} slots, {bookedSlots} slots booked, {doubles} double bookings"));
        return doubles == 0 && bookedSlots == perSlot.Count ? 0 : 1;
    }
}
