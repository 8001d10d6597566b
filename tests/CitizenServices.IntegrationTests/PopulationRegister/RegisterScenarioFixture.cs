namespace CitizenServices.IntegrationTests.PopulationRegister;

/// <summary>
/// The handler following a register double of its own (empty at start): each test makes the people it needs through the
/// double's control API, runs the app's follower (the <c>RegisterFeed</c> function as the host invokes it) and asks the
/// API what the people may do. Nothing is shared with other classes, so changing a person's facts disturbs no one.
/// </summary>
public sealed class RegisterScenarioFixture : IAsyncLifetime
{
    private int _street;

    public RegisterDoubleHost Register { get; private set; } = null!;

    public CitizenServicesFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Register = await RegisterDoubleHost.StartAsync(seeded: false);
        Factory = new CitizenServicesFactory { Register = Register };
        await Factory.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Register.DisposeAsync();
    }

    /// <summary>A flat of its own for each call (same building, different flat when <paramref name="flat"/> differs).</summary>
    public object Address(int? street = null, string flat = "H0101") => new
    {
        municipality = "0301",
        addressCode = (6000 + (street ?? Interlocked.Increment(ref _street))).ToString(System.Globalization.CultureInfo.InvariantCulture),
        streetName = "Scenarioveien",
        houseNumber = 1,
        houseLetter = (string?)null,
        unit = flat,
    };

    public async Task<string> AdultAsync(string given, object address, string birthDate = "1985-05-05") =>
        (await Register.PostAsync("testdouble/persons", new { givenName = given, familyName = "Scenario", birthDate, address }))!;

    /// <summary>Two parents at one address with a child under 12, followed into the replica.</summary>
    public async Task<(string Mother, string Father, string Child, object Home)> FamilyAsync(string childBirthDate = "2020-02-02")
    {
        var home = Address();
        var mother = await AdultAsync("Mor", home, "1988-08-08");
        var father = await AdultAsync("Far", home, "1987-07-07");
        var child = (await Register.PostAsync("testdouble/births", new { givenName = "Barn", birthDate = childBirthDate, parents = new[] { mother, father } }))!;
        await Factory.FollowRegisterAsync();
        return (mother, father, child, home);
    }

    public Task FollowAsync() => Factory.FollowRegisterAsync();

    /// <summary>The status of a read of <paramref name="subject"/>'s representatives by <paramref name="caller"/>.</summary>
    public async Task<HttpStatusCode> ReadRepresentativesAsync(string caller, string subject)
    {
        using var client = Factory.CreateClient(Factory.Tokens.Citizen(caller));
        using var response = await client.GetAsync(new Uri($"/api/v1/persons/{subject}/representatives", UriKind.Relative));
        return response.StatusCode;
    }

    public async Task<IReadOnlyList<string>> RepresentedAsync(string caller)
    {
        using var client = Factory.CreateClient(Factory.Tokens.Citizen(caller));
        var body = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative));
        return body.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToList();
    }

    public async Task<IReadOnlyList<string>> RepresentativeKindsAsync(string subject)
    {
        using var client = Factory.CreateClient(Factory.Tokens.Citizen(subject));
        var body = await client.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/persons/me/representatives", UriKind.Relative));
        return body.GetProperty("persons").EnumerateArray()
            .SelectMany(p => p.GetProperty("representations").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!)).ToList();
    }
}
