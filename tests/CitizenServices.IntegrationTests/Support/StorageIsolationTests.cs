namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// Test isolation as a rule of its own: every app a test starts has a storage account of its own, with the seed people
/// followed into it, so what one test class writes never shows in another's answers, whichever runs first or beside it.
/// </summary>
public sealed class StorageIsolationTests
{
    [Fact]
    public async Task StartAsync_WhenTwoAppsRun_EachSeesTheSeedButNotTheOthersWrites()
    {
        await using var first = await new CitizenServicesFactory().StartAsync();
        await using var second = await new CitizenServicesFactory().StartAsync();
        using (var silje = first.CreateClient(first.Tokens.Citizen(Seed.SiljeMotherOfHenrik)))
        using (var granted = await silje.PostAsJsonAsync(
                   new Uri("/api/v1/persons/me/fullmakter", UriKind.Relative), new { representative = Seed.AndersFatherOfHenrik, serviceAreas = new[] { "messages" } }))
        {
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        }

        Assert.Equal([Seed.SiljeMotherOfHenrik], await RepresentedAsync(first, Seed.AndersFatherOfHenrik));
        Assert.Empty(await RepresentedAsync(second, Seed.AndersFatherOfHenrik));
        Assert.NotEqual(first.StorageConnectionString, second.StorageConnectionString);
        Assert.Contains(Seed.EmmaUnder12, await RepresentedAsync(second, Seed.KariMother));
    }

    private static async Task<string[]> RepresentedAsync(CitizenServicesFactory app, string caller)
    {
        using var client = app.CreateClient(app.Tokens.Citizen(caller));
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative));
        return body.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToArray();
    }
}
