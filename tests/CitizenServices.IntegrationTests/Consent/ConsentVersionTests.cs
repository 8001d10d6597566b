namespace CitizenServices.IntegrationTests.Consent;

/// <summary>
/// A new major version of a definition, published by a new deployment of the catalog: the same storage seen by the app
/// before (catalog with 1.x) and after (catalog with 2.0).
/// </summary>
public sealed class ConsentVersionTests
{
    [Fact]
    public async Task Decision_WhenTheDefinitionGetsANewMajorVersion_IsStaleUntilRenewed_AndAMinorVersionIsNot()
    {
        var id = $"bump-{Guid.NewGuid():N}"[..20];
        await using var before = await StartAsync(ConsentAppFixture.Definition(id, "reservation", "1.0"));
        using (var reserved = await before.DecideAsync(Seed.TheaAdultChild, "me", id, "reserved", "1.0"))
        {
            Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);
        }

        await using (var minor = await StartAsync(ConsentAppFixture.Definition(id, "reservation", "1.0", "1.1"), before))
        {
            using var client = minor.Citizen(Seed.TheaAdultChild);
            Assert.Equal("active", (await ConsentAppFixture.GetJsonAsync(client, $"/api/v1/persons/me/consents/{id}")).GetProperty("status").GetString());
        }

        await using var after = await StartAsync(ConsentAppFixture.Definition(id, "reservation", "1.0", "1.1", "2.0"), before);
        using (var client = after.Citizen(Seed.TheaAdultChild))
        {
            var state = await ConsentAppFixture.GetJsonAsync(client, $"/api/v1/persons/me/consents/{id}");
            Assert.Equal("stale", state.GetProperty("status").GetString());
            Assert.Equal("2.0", state.GetProperty("currentVersion").GetString());
        }

        using var registry = after.Registry();
        Assert.False((await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{id}/persons/{Seed.TheaAdultChild}")).GetProperty("active").GetBoolean());
        Assert.Empty((await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{id}/persons")).GetProperty("persons").EnumerateArray());

        using (var outdated = await after.DecideAsync(Seed.TheaAdultChild, "me", id, "reserved", "1.0"))
        {
            await ProblemAssert.IsProblem(outdated, HttpStatusCode.UnprocessableEntity, ProblemTypes.Base + "version-outdated");
        }

        using (var renewed = await after.DecideAsync(Seed.TheaAdultChild, "me", id, "reserved", "2.0"))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        var persons = (await ConsentAppFixture.GetJsonAsync(registry, $"/api/v1/registry/consent-definitions/{id}/persons")).GetProperty("persons");
        Assert.Equal(Seed.TheaAdultChild, Assert.Single(persons.EnumerateArray()).GetProperty("nationalIdentityNumber").GetString());
    }

    /// <summary>The app with a catalog of this one definition, on <paramref name="previous"/>'s storage if given.</summary>
    private static async Task<AsyncFixture> StartAsync(object definition, ConsentAppFixture? previous = null)
    {
        var fixture = new AsyncFixture();
        fixture.WithCatalog(definition);
        if (previous is not null)
        {
            fixture.Factory.WithStorageOf(previous.Factory);
        }

        await fixture.InitializeAsync();
        return fixture;
    }

    private sealed class AsyncFixture : ConsentAppFixture, IAsyncDisposable
    {
        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
