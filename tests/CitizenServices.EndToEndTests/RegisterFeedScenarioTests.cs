using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenServices.DevTokens;
using CitizenServices.Testing;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The register follower as deployed: the LocalHost runs the real <c>RegisterFeed</c> timer (function.json, every 10 s)
/// against the register double, and the API answers through the LocalHost. A new family is made in the shared seeded
/// double (nobody else's people change), and each step waits for the timer's next runs to apply it.
/// </summary>
public sealed class RegisterFeedScenarioTests
{
    private static readonly TokenFactory Tokens = TokenFactory.Development();
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task RegisterFeed_WhenTheOnlyParentAtHomeMovesOutAndBack_AccessFollowsTheTimersPolls()
    {
        await using var host = await EventsHost.StartAsync(await Storage.CreateAsync());
        var register = await RegisterDoubleHost.SharedSeededAsync();
        var home = Address(8001);
        var mother = await register.PostAsync("testdouble/persons", new { givenName = "Ende", familyName = "Tilende", birthDate = "1989-09-09", address = home });
        var father = await register.PostAsync("testdouble/persons", new { givenName = "Endre", familyName = "Tilende", birthDate = "1988-08-08", address = Address(8002) });
        var child = await register.PostAsync("testdouble/births", new { givenName = "Eli", birthDate = "2021-01-01", parents = new[] { mother, father } });
        using var client = new HttpClient { BaseAddress = host.Host.BaseAddress };

        // A newborn appears in the parents' "represented" once the timer has run.
        await EventuallyAsync(async () => (await RepresentedAsync(client, mother!)).Contains(child!), "the newborn in the mother's list");
        Assert.Equal(HttpStatusCode.OK, await RepresentativesAsync(client, mother!, child!));

        // The only parent at the child's address moves out: access to the under-12 ends after the next poll.
        await register.PostAsync($"testdouble/persons/{mother}/move", Address(8003));
        await EventuallyAsync(async () => await RepresentativesAsync(client, mother!, child!) == HttpStatusCode.Forbidden, "access ended");

        // Moving back restores it.
        await register.PostAsync($"testdouble/persons/{mother}/move", home);
        await EventuallyAsync(async () => await RepresentativesAsync(client, mother!, child!) == HttpStatusCode.OK, "access restored");
    }

    private static object Address(int code) => new
    {
        municipality = "0301", addressCode = code.ToString(System.Globalization.CultureInfo.InvariantCulture), streetName = "Endetilendevegen", houseNumber = 2,
        houseLetter = (string?)null, unit = "H0101",
    };

    private static async Task<HttpStatusCode> RepresentativesAsync(HttpClient client, string caller, string subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/persons/{subject}/representatives");
        request.Headers.Authorization = new("Bearer", Tokens.Citizen(caller));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<IReadOnlyList<string>> RepresentedAsync(HttpClient client, string caller)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/persons/me/represented");
        request.Headers.Authorization = new("Bearer", Tokens.Citizen(caller));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToList();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Poll;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail($"Not seen within {Poll.TotalSeconds} s (the timer runs every 10 s): {what}.");
    }
}
