namespace CitizenServices.EndToEndTests;

/// <summary>
/// The LocalHost over the real host.json and function definitions, with the handler as a child process, a register double
/// of the class's own, and the real <c>RegisterFeed</c> timer polling it (every second here: <c>RegisterFeedSchedule</c>;
/// deployed every 10 s). Each scenario makes its own people through the double's control API, changes them there, and
/// waits for the timer's next polls to show the change in the API's answers. One host for the class, the only one
/// following this double, with its own observer subscription: what its follower publishes is all on that subscription,
/// and reading it disturbs no other class. (The double's numbers are its own: birth dates no seed person has.)
/// </summary>
public sealed class RegisterFeedScenarioTests(RegisterFeedScenarioTests.Fixture app) : IClassFixture<RegisterFeedScenarioTests.Fixture>
{
    private static readonly TokenFactory Tokens = TokenFactory.Development();

    /// <summary>A bound well above a few polls, so a broken path fails with its reason instead of hanging.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private static int _street = 8100;

    [Fact]
    public async Task RegisterFeed_WhenTheOnlyParentAtHomeMovesOutAndBack_AccessFollowsTheTimersPolls()
    {
        var (mother, father, child, home) = await FamilyAsync();
        await app.Register.PostAsync($"testdouble/persons/{father}/move", Address());
        await app.Register.PostAsync($"testdouble/persons/{mother}/move", Address());
        await EventuallyAsync(async () => await ReadAsync(mother, child) == HttpStatusCode.Forbidden, "access ended when nobody with parental responsibility lives with the under-12");

        await app.Register.PostAsync($"testdouble/persons/{mother}/move", home);
        await EventuallyAsync(async () => await ReadAsync(mother, child) == HttpStatusCode.OK, "access restored when the mother moved back");

        // Rule: one parent with parental responsibility at the child's address lets either parent represent an under-12.
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(father, child));
    }

    [Fact]
    public async Task RegisterFeed_WhenAChildIsBorn_ItAppearsInBothParentsRepresented()
    {
        var (mother, father, child, _) = await FamilyAsync();

        Assert.Contains(child, await RepresentedAsync(mother));
        Assert.Contains(child, await RepresentedAsync(father));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(father, child));
    }

    [Fact]
    public async Task RegisterFeed_WhenProtectionIsSetOnEitherSide_RepresentationIsRefused()
    {
        var (mother, father, child, _) = await FamilyAsync();

        // Rule: a person with a confidential or strictly confidential address can neither represent nor be represented.
        await app.Register.PostAsync($"testdouble/persons/{mother}/protection", new { level = "fortrolig" });
        await EventuallyAsync(async () => await ReadAsync(mother, child) == HttpStatusCode.Forbidden, "the protected parent refused");
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(father, child));

        await app.Register.PostAsync($"testdouble/persons/{child}/protection", new { level = "fortrolig" });
        await EventuallyAsync(async () => await ReadAsync(father, child) == HttpStatusCode.Forbidden, "the protected child's other parent refused");
    }

    [Fact]
    public async Task RegisterFeed_WhenAChildDies_ItsParentsAccessEnds()
    {
        var (mother, father, child, _) = await FamilyAsync();

        await app.Register.PostAsync($"testdouble/persons/{child}/death", new { date = "2026-12-01" });

        // Rule: a death ends representation both ways.
        await EventuallyAsync(async () => await ReadAsync(mother, child) == HttpStatusCode.Forbidden, "the mother's access ended");
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(father, child));
    }

    [Fact]
    public async Task RegisterFeed_WhenTheGiverOfAFullmaktDies_TheHolderLosesAccessAndTheEndingIsPublished()
    {
        var giver = await PersonAsync("Giver", "1958-01-31");
        var holder = await PersonAsync("Holder", "1980-02-29");
        var fullmaktId = await GrantAsync(giver, holder);
        Assert.Equal(HttpStatusCode.OK, await AppointmentsAsync(holder, giver));

        await app.Register.PostAsync($"testdouble/persons/{giver}/death", new { date = "2026-12-01" });

        // The replica's death stops the holder at once; the ending in storage follows in the same poll, after the facts.
        await EventuallyAsync(async () => await AppointmentsAsync(holder, giver) == HttpStatusCode.Forbidden, "the holder's access ended");
        var received = await Eventually.WaitAsync(
            async () => (await FullmakterAsync(holder)).GetProperty("received").EnumerateArray().Single(f => f.GetProperty("id").GetString() == fullmaktId),
            f => f.GetProperty("status").GetString() == "ended", Within, "the fullmakt ended in storage");
        Assert.Equal("death", received.GetProperty("endedBy").GetString());

        // Through the outbox like every other event: committed with the ending, published to the topic once.
        var published = await Eventually.WaitAsync(
            async () => (await app.Storage.ReceivedAsync(ServiceBusQueueNames.ForSubscription(EventsHost.Topic, Fixture.Observer)))
                .Select(b => JsonNode.Parse(b)!)
                .Where(e => e["type"]?.GetValue<string>() == "fullmakt.ended" && e["data"]?["fullmaktId"]?.GetValue<string>() == fullmaktId)
                .ToList(),
            list => list.Count > 0, Within, "fullmakt.ended on the topic");
        var data = Assert.Single(published)["data"]!;
        Assert.Equal(("expiry", "death", giver), (data["endedBy"]!.GetValue<string>(), data["reason"]!.GetValue<string>(), data["deceased"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RegisterFeed_WhenResponsibilityMovesToOneParent_TheOtherParentLosesTheChild()
    {
        var (mother, father, child, _) = await FamilyAsync();

        using var content = JsonContent.Create(new { parents = new[] { mother } });
        using var response = await app.Register.Control.PutAsync(new Uri($"testdouble/persons/{child}/responsibility", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();

        await EventuallyAsync(async () => !(await RepresentedAsync(father)).Contains(child), "the child gone from the father's list");
        Assert.Equal(HttpStatusCode.Forbidden, await ReadAsync(father, child));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(mother, child));
    }

    [Fact]
    public async Task RegisterFeed_WhenAGuardianWithAPersonalMandateIsAppointedAndEnded_TheWardAppearsAndDisappears()
    {
        var ward = await PersonAsync("Vergehaver", "1941-03-01");
        var guardian = await PersonAsync("Verge", "1971-03-01");

        await app.Register.PostAsync($"testdouble/persons/{ward}/guardians", new { guardian, personal = true, financial = false, health = false });
        await EventuallyAsync(async () => (await RepresentedAsync(guardian)).Contains(ward), "the ward in the guardian's list");
        Assert.Equal(HttpStatusCode.OK, await AppointmentsAsync(guardian, ward));

        using var ended = await app.Register.Control.DeleteAsync(new Uri($"testdouble/persons/{ward}/guardians/{guardian}", UriKind.Relative));
        ended.EnsureSuccessStatusCode();
        await EventuallyAsync(async () => !(await RepresentedAsync(guardian)).Contains(ward), "the ward gone from the guardian's list");
        Assert.Equal(HttpStatusCode.Forbidden, await AppointmentsAsync(guardian, ward));
    }

    [Fact]
    public async Task RegisterFeed_WhenADNumberIsReplacedByABirthNumber_TheFullmaktFollowsThePerson()
    {
        var dNumber = (await app.Register.PostAsync("testdouble/persons", new { givenName = "Dnummer", familyName = "Ende", birthDate = "1990-04-04", address = Address(), dNumber = true }))!;
        var holder = await PersonAsync("Holder", "1979-05-05");
        var fullmaktId = await GrantAsync(dNumber, holder);

        var birthNumber = (await app.Register.PostAsync($"testdouble/persons/{dNumber}/birth-number", new { }))!;

        // Rule: a person whose D-number is replaced by a birth number keeps every relation.
        await EventuallyAsync(async () => await AppointmentsAsync(holder, birthNumber) == HttpStatusCode.OK, "the holder acting for the birth number");
        Assert.Contains(birthNumber, await RepresentedAsync(holder));
        Assert.DoesNotContain(dNumber, await RepresentedAsync(holder));
        var given = Assert.Single((await FullmakterAsync(birthNumber)).GetProperty("given").EnumerateArray());
        Assert.Equal((fullmaktId, birthNumber, "active"), (given.GetProperty("id").GetString(), given.GetProperty("giver").GetString(), given.GetProperty("status").GetString()));
    }

    /// <summary>Two parents at one address and a newborn, followed in: the newborn appears in both parents' <c>represented</c>.</summary>
    private async Task<(string Mother, string Father, string Child, object Home)> FamilyAsync()
    {
        var home = Address();
        var mother = (await app.Register.PostAsync("testdouble/persons", new { givenName = "Ende", familyName = "Tilende", birthDate = "1989-09-09", address = home }))!;
        var father = (await app.Register.PostAsync("testdouble/persons", new { givenName = "Endre", familyName = "Tilende", birthDate = "1988-08-08", address = home }))!;
        var child = (await app.Register.PostAsync("testdouble/births", new { givenName = "Eli", birthDate = "2021-01-01", parents = new[] { mother, father } }))!;
        await EventuallyAsync(async () => (await RepresentedAsync(mother)).Contains(child) && (await RepresentedAsync(father)).Contains(child), "the newborn in both parents' lists");
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(mother, child));
        return (mother, father, child, home);
    }

    private async Task<string> PersonAsync(string given, string birthDate) =>
        (await app.Register.PostAsync("testdouble/persons", new { givenName = given, familyName = "Ende", birthDate, address = Address() }))!;

    /// <summary>Grants through the API once the timer has brought both people into the replica (refused until then).</summary>
    private async Task<string> GrantAsync(string giver, string representative)
    {
        var (status, text) = await Eventually.WaitAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/persons/{giver}/fullmakter")
                {
                    Content = JsonContent.Create(new { representative, serviceAreas = new[] { "appointments" } }),
                };
                request.Headers.Authorization = new("Bearer", Tokens.Citizen(giver));
                using var response = await app.Client.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, Within, "both parties in the replica");
        Assert.True(status == HttpStatusCode.Created, $"grant: {(int)status} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static object Address() => new
    {
        municipality = "0301", addressCode = Interlocked.Increment(ref _street).ToString(System.Globalization.CultureInfo.InvariantCulture),
        streetName = "Endetilendevegen", houseNumber = 2, houseLetter = (string?)null, unit = "H0101",
    };

    private Task<HttpStatusCode> ReadAsync(string caller, string subject) => StatusAsync(caller, $"api/v1/persons/{subject}/representatives");

    private Task<HttpStatusCode> AppointmentsAsync(string caller, string subject) => StatusAsync(caller, $"api/v1/persons/{subject}/appointments");

    private async Task<HttpStatusCode> StatusAsync(string caller, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", Tokens.Citizen(caller));
        using var response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<IReadOnlyList<string>> RepresentedAsync(string caller) =>
        (await GetAsync(caller, "api/v1/persons/me/represented")).GetProperty("persons").EnumerateArray()
            .Select(p => p.GetProperty("nationalIdentityNumber").GetString()!).ToList();

    private Task<JsonElement> FullmakterAsync(string caller) => GetAsync(caller, "api/v1/persons/me/fullmakter");

    private async Task<JsonElement> GetAsync(string caller, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", Tokens.Citizen(caller));
        using var response = await app.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what) =>
        await Eventually.WaitAsync(condition, done => done, Within, $"{what} (the timer polls every second)");

    /// <summary>One LocalHost for the class, its register follower polling every second.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public const string Observer = "register-scenarios";

        internal EventsHost Host { get; private set; } = null!;

        internal Storage Storage { get; private set; } = null!;

        public RegisterDoubleHost Register { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Register = await RegisterDoubleHost.StartAsync(seeded: false);
            Storage = await Storage.CreateAsync();
            Host = await EventsHost.StartAsync(
                Storage, settings: new Dictionary<string, string> { ["RegisterFeedSchedule"] = "*/1 * * * * *" }, observer: Observer, register: Register);
            Client = new HttpClient { BaseAddress = Host.Host.BaseAddress };
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            await Register.DisposeAsync();
        }
    }
}
