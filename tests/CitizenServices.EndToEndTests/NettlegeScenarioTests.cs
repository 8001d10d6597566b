using CitizenServices.Domain.Time;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The nettlege pilot from configuration to the regular GP, through the LocalHost's front door and the real function
/// routes, on the real clock: an administrator configures Oslo's pilot → the Housekeeping timer function generates
/// video slots → Kari's triage says <c>nettlege</c> → she books a slot → the nettlege doctor completes the consultation
/// → the dispatch after the commit, the topic and <c>FastlegeInformer</c> put a message for Kari's regular GP on queue
/// <c>fastlege-outbound</c>. And Ola, whose triage says <c>emergency</c>, is refused a booking.
/// </summary>
[Collection(TimedEventHosts.Name)]
public sealed class NettlegeScenarioTests
{
    private const string Oslo = "0301";
    private const string Schedule = "nettlege-0301";
    private const string Summary = "Vurdert på video for hoste i 5 dager uten feber eller tung pust. Råd om egenbehandling.";

    private static readonly TokenFactory Tokens = TokenFactory.Development();

    [Fact]
    public async Task Pilot_Triage_Booking_Completion_ReachTheRegularGpAndAnEmergencyTriageCannotBook()
    {
        var storage = await Storage.CreateAsync();
        // Two days of slots keep the timer's work small; five-minute slots round the clock mean a slot always starts
        // within ten minutes, so the consultation can be completed now, on the real clock.
        await using var host = await EventsHost.StartAsync(storage, settings: new Dictionary<string, string> { ["Nettlege__SlotDaysAhead"] = "2" });
        using var client = new HttpClient { BaseAddress = host.Host.BaseAddress };

        await ConfigurePilotAsync(client);
        await RunHousekeepingAsync(host);
        var slots = await FreeSlotsAsync(client);
        Assert.True(slots.Count >= 2, $"expected generated slots, got {slots.Count}");

        await TriageAsync(client, Seed.KariMother, redFlag: null);
        var appointmentId = await BookAsync(client, Seed.KariMother, slots[0], HttpStatusCode.Created);

        await TriageAsync(client, Seed.OlaFather, redFlag: "chest-pain");
        using (var refused = await BookRequestAsync(client, Seed.OlaFather, slots[1]))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://citizen-services.helsenorge.no/problems/nettlege-triage-outcome", problem.GetProperty("type").GetString());
        }

        using (var completed = await SendAsync(
            client, HttpMethod.Post, $"/api/v1/nettlege/consultations/{appointmentId}/complete",
            Tokens.Workforce(["Consultations.Complete"], Oslo), new { summary = Summary }))
        {
            Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        }

        var body = Assert.Single(await Eventually.WaitAsync(
            async () => (await storage.ReceivedAsync(ServiceBusQueueNames.ForQueue(EventsHost.RegularGpQueue)))
                .Where(b => b.Contains(appointmentId, StringComparison.Ordinal)).ToList(),
            found => found.Count > 0, TimeSpan.FromSeconds(60), "the message to the regular GP"));
        Schemas.AssertValid(await Schemas.RegularGpMessageAsync(), body, "fastlege-outbound message");
        var message = JsonNode.Parse(body)!;
        Assert.Equal("9144889", message["recipient"]!["hprNumber"]!.GetValue<string>()); // Ingrid Aas, Kari's GP in the seed
        Assert.Equal("8094221", message["recipient"]!["herId"]!.GetValue<string>());
        Assert.Equal(Seed.KariMother, message["patient"]!["nationalIdentityNumber"]!.GetValue<string>());
        Assert.Equal(Summary, message["consultation"]!["summary"]!.GetValue<string>());
        Assert.Equal(slots[0].Start, DateTimeOffset.Parse(message["consultation"]!["start"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    private sealed record FreeSlot(string Id, DateTimeOffset Start);

    private static async Task ConfigurePilotAsync(HttpClient client)
    {
        var today = NorwegianTime.Today(TimeProvider.System);
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
        var pilot = new
        {
            enabled = true,
            validFrom = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            validTo = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            openingHours = days.Select(day => new { day, opens = "00:00", closes = "23:55" }).ToArray(),
            slotLengthMinutes = 5,
            consultationsPerHour = 12,
            feeText = "Egenandel som for videokonsultasjon på legevakt.",
        };
        using var response = await SendAsync(
            client, HttpMethod.Put, $"/api/v1/nettlege/pilots/{Oslo}", Tokens.Workforce(["Nettlege.Administer"], Oslo), pilot);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Invokes the timer function on the handler exactly as the host does when the schedule fires.</summary>
    private static async Task RunHousekeepingAsync(EventsHost host)
    {
        using var handler = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HandlerPort}") };
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject { ["Schedule"] = new JsonObject { ["AdjustForDST"] = true }, ["ScheduleStatus"] = null, ["IsPastDue"] = false },
            },
            ["Metadata"] = new JsonObject
            {
                ["sys"] = new JsonObject
                {
                    ["MethodName"] = "Housekeeping",
                    ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                    ["RandGuid"] = Guid.NewGuid().ToString(),
                },
            },
        };
        using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await handler.PostAsync(new Uri("/Housekeeping", UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<FreeSlot>> FreeSlotsAsync(HttpClient client)
    {
        var today = NorwegianTime.Today(TimeProvider.System);
        var range = $"from={today:yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        using var response = await SendAsync(client, HttpMethod.Get, $"/api/v1/schedules/{Schedule}/slots?{range}", Tokens.Citizen(Seed.KariMother), null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var soonest = DateTimeOffset.UtcNow.AddMinutes(1);
        return body.GetProperty("slots").EnumerateArray()
            .Select(s => new FreeSlot(s.GetProperty("slotId").GetString()!, DateTimeOffset.Parse(s.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)))
            .Where(s => s.Start > soonest)
            .OrderBy(s => s.Start)
            .ToList();
    }

    private static async Task TriageAsync(HttpClient client, string person, string? redFlag)
    {
        var answers = new Dictionary<string, string[]>
        {
            ["red-flags"] = [redFlag ?? "none-of-these"], ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"],
            ["self-care"] = ["no"], ["own-gp"] = ["no"],
        };
        using var response = await SendAsync(
            client, HttpMethod.Post, "/api/v1/persons/me/nettlege/triage", Tokens.Citizen(person), new { questionnaireVersion = 1, answers });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var outcome = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString();
        Assert.Equal(redFlag is null ? "nettlege" : "emergency", outcome);
    }

    private static async Task<string> BookAsync(HttpClient client, string person, FreeSlot slot, HttpStatusCode expected)
    {
        using var response = await BookRequestAsync(client, person, slot);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> BookRequestAsync(HttpClient client, string person, FreeSlot slot)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/persons/me/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { scheduleId = Schedule, slotId = slot.Id }),
        };
        request.Headers.Authorization = new("Bearer", Tokens.Citizen(person));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }
}
