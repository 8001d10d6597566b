using CitizenServices.Application.Nettlege.Availability;

namespace CitizenServices.IntegrationTests.Nettlege;

/// <summary>
/// The real handler on 1 June 2026 (the clock the tests move); each test clears the pilots and triage rows it uses first.
/// The housekeeping timer publishes video slots two Oslo days ahead (today and tomorrow, the day the tests book) instead
/// of the default fourteen: each test that runs it publishes a pilot's slots afresh, and fourteen days are 1,120 slots.
/// <see cref="NettlegeFeatureOffFixture"/> starts the app with the <c>Nettlege</c> feature switched off in configuration.
/// </summary>
public class NettlegeAppFixture : ClockedAppFixture
{
    public NettlegeAppFixture()
        : this(featureEnabled: true)
    {
    }

    protected NettlegeAppFixture(bool featureEnabled)
        : base(new DateTimeOffset(2026, 6, 1, 11, 0, 0, TimeSpan.Zero))
    {
        Factory.With($"{NettlegeOptions.SectionName}:{nameof(NettlegeOptions.SlotDaysAhead)}", "2");
        if (!featureEnabled)
        {
            Factory.With("feature_management:feature_flags:0:enabled", "false");
        }
    }

    /// <summary>Sets the clock to an Oslo wall-clock time (the offset written explicitly).</summary>
    public void Now(string instant) => Clock.AdjustTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    public HttpClient Administrator(string municipality, string objectId = "aaaaaaaa-0000-0000-0000-000000000001") =>
        Factory.CreateClient(Factory.Tokens.Workforce([AppRoles.NettlegeAdminister], municipality, objectId));

    public BoundedTable Pilots => Table(StorageNames.Tables.NettlegePilots);

    public BoundedTable Triage => Table(StorageNames.Tables.NettlegeTriage);

    public static object Pilot(bool enabled = true, string from = "2026-01-01", string to = "2026-12-31", int consultationsPerHour = 8) => new
    {
        enabled,
        validFrom = from,
        validTo = to,
        slotLengthMinutes = 15,
        consultationsPerHour,
        feeText = "Egenandel som for videokonsultasjon på legevakt.",
        infoLinks = new[] { new { title = "Om nettlegen", url = "https://www.oslo.kommune.no/nettlege" } },
    };

    /// <summary>Answers of questionnaire v1 that lead to nettlege (regular-gp when the own GP has a timely appointment).</summary>
    public static object NettlegeAnswers(string ownGp = "no") => new
    {
        questionnaireVersion = 1,
        answers = new Dictionary<string, string[]>
        {
            ["red-flags"] = ["none-of-these"], ["urgent"] = ["none-of-these"], ["not-for-nettlege"] = ["none-of-these"],
            ["self-care"] = ["no"], ["own-gp"] = [ownGp],
        },
    };

    public async Task<HttpResponseMessage> PutPilotAsync(string municipality, object body, string? asMunicipality = null)
    {
        using var client = Administrator(asMunicipality ?? municipality);
        return await client.PutAsJsonAsync(new Uri($"/api/v1/nettlege/pilots/{municipality}", UriKind.Relative), body);
    }

    public Task<T> WithAccessAsync<T>(Func<NettlegeAccess, Task<T>> action) =>
        WithScopeAsync(services => action(services.GetRequiredService<NettlegeAccess>()));

    public Task<T> WithAccessAsync<T>(string subject, Func<NettlegeAccess, NationalIdentityNumber, Task<T>> action) =>
        WithAccessAsync(access => action(access, NationalIdentityNumber.Parse(subject)));

    /// <summary>Invokes the Housekeeping timer function as the host does, at the fixture's clock.</summary>
    public async Task RunHousekeepingAsync()
    {
        await Factory.InvokeOkAsync("Housekeeping", Payloads.Timer("Housekeeping", Clock.GetUtcNow()));
    }

    /// <summary>Submits a triage for <paramref name="person"/> themself; it must be accepted.</summary>
    public async Task TriageAsync(string person, object answers)
    {
        using var client = Citizen(person);
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/persons/me/nettlege/triage", UriKind.Relative), answers);
        Xunit.Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Books <paramref name="slotId"/> of <paramref name="scheduleId"/> for <paramref name="person"/> with a new Idempotency-Key.</summary>
    public async Task<HttpResponseMessage> BookAsync(string person, string scheduleId, string slotId)
    {
        using var client = Citizen(person);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/persons/me/appointments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { scheduleId, slotId }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>Deletes the pilots of these municipalities and the triage results of these people.</summary>
    public async Task ClearAsync(IEnumerable<string> municipalities, IEnumerable<string> people)
    {
        foreach (var (table, partition) in municipalities.Select(m => (Pilots, m)).Concat(people.Select(p => (Triage, p))))
        {
            await table.DeletePartitionAsync(partition);
        }
    }
}

/// <summary>The app with the <c>Nettlege</c> feature switched off for everyone in configuration.</summary>
public sealed class NettlegeFeatureOffFixture() : NettlegeAppFixture(featureEnabled: false);
