using CitizenServices.Application.PopulationRegister;
using CitizenServices.Application.PopulationRegister.Feed;

namespace CitizenServices.IntegrationTests.PopulationRegister;

/// <summary>
/// The follower under register faults, through the app's real client (Maskinporten token, resilience handlers) against the
/// double: no sequence number is skipped, a failed run leaves the position where it was and the next run resumes from it,
/// and an unreadable document is parked with its reason while the feed goes on.
/// </summary>
public sealed class RegisterFeedFaultTests : IAsyncLifetime
{
    private RegisterDoubleHost _register = null!;
    private CitizenServicesFactory _factory = null!;
    private string _feed = null!;

    public async Task InitializeAsync()
    {
        _register = await RegisterDoubleHost.StartAsync(seeded: false);
        _factory = new CitizenServicesFactory { Register = _register };
        _factory.With("PopulationRegister:Folkeregisteret:MaxRetryAttempts", "3");
        await _factory.StartAsync();
        _feed = FeedName();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _register.DisposeAsync();
    }

    [Fact]
    public async Task Follow_WhenTheRegisterAnswers500TwiceThen200_RetriesAndAppliesEverything()
    {
        var people = await PeopleAsync(3);
        await FaultAsync(new { status = 500, count = 2 });

        Assert.Equal(HttpStatusCode.OK, await RunAsync());

        await AssertAppliedAsync(people);
    }

    [Fact]
    public async Task Follow_WhenTheRegisterKeepsFailing_TheRunFailsWithThePositionUnmovedAndTheNextRunResumesFromIt()
    {
        var before = await PositionAsync();
        var people = await PeopleAsync(3);
        await FaultAsync(new { status = 500, count = 4 });

        Assert.True((int)await RunAsync() >= 500, "the run should fail so the host records it");
        Assert.Equal(before, await PositionAsync());

        Assert.Equal(HttpStatusCode.OK, await RunAsync());
        Assert.Equal(_register.Population.LastSequence + 1, await PositionAsync());
        await AssertAppliedAsync(people);
    }

    [Fact]
    public async Task Follow_WhenTheRegisterAnswers429WithRetryAfter_WaitsAtLeastThatLongThenApplies()
    {
        var people = await PeopleAsync(2);
        await FaultAsync(new { status = 429, count = 1, retryAfterSeconds = 2, pathContains = "hendelser/feed" });

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, await RunAsync());

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"retried after {clock.Elapsed}, before Retry-After");
        await AssertAppliedAsync(people);
    }

    [Fact]
    public async Task Follow_WhenAPageHangsPastTheAttemptTimeout_TheAttemptIsCutOffAndRetried()
    {
        var people = await PeopleAsync(2);

        // The attempt timeout is 2 s in tests: the first answer comes after 5 s and is abandoned.
        await FaultAsync(new { status = 200, count = 1, delayMilliseconds = 5000, pathContains = "personer/bulkoppslag" });

        Assert.Equal(HttpStatusCode.OK, await RunAsync());
        await AssertAppliedAsync(people);
    }

    [Fact]
    public async Task Follow_WhenADocumentIsUnreadable_ParksItWithItsReasonAndAppliesTheRest()
    {
        var people = await PeopleAsync(3);
        await _register.PostAsync($"testdouble/persons/{people[1]}/unreadable", new { value = "not a list of names" });

        Assert.Equal(HttpStatusCode.OK, await RunAsync());

        await AssertAppliedAsync([people[0], people[2]]);
        Assert.Equal(_register.Population.LastSequence + 1, await PositionAsync());
        var parked = new List<ParkedMessage>();
        await foreach (var message in _factory.Services.GetRequiredService<IParkingLot>().ListAsync(
            FollowRegisterFeedHandler.ParkingConsumer, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None))
        {
            parked.Add(message);
        }

        var mine = Assert.Single(parked, p => Encoding.UTF8.GetString(p.Body.Span).Contains(people[1], StringComparison.Ordinal));
        Assert.Contains("navn", mine.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(people[1], mine.Reason, StringComparison.Ordinal);
    }

    private string FeedName() =>
        _factory.Services.GetRequiredService<Infrastructure.PopulationRegister.Folkeregisteret.FolkeregisteretOptions>().FeedName;

    private async Task<List<string>> PeopleAsync(int count)
    {
        var people = new List<string>();
        for (var i = 0; i < count; i++)
        {
            people.Add((await _register.PostAsync("testdouble/persons", new
            {
                givenName = "Feil" + i,
                familyName = "Test",
                birthDate = "1980-01-0" + (i + 1),
                address = new { municipality = "0301", addressCode = "7000", streetName = "Feilveien", houseNumber = i + 1, houseLetter = (string?)null, unit = "H0101" },
            }))!);
        }

        return people;
    }

    private async Task FaultAsync(object fault)
    {
        using var response = await _register.Control.PostAsJsonAsync(new Uri("testdouble/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    private async Task<HttpStatusCode> RunAsync()
    {
        var (status, _) = await _factory.InvokeAsync("RegisterFeed", Payloads.Timer("RegisterFeed", DateTimeOffset.UtcNow));
        return status;
    }

    private async Task<long> PositionAsync() =>
        (await _factory.Services.GetRequiredService<IRegisterReplica>().ReadPositionAsync(_feed, CancellationToken.None)).NextSequence;

    private async Task AssertAppliedAsync(IEnumerable<string> people)
    {
        var register = _factory.Services.GetRequiredService<IPopulationRegister>();
        foreach (var person in people)
        {
            Assert.NotNull(await register.FindAsync(NationalIdentityNumber.Parse(person), CancellationToken.None));
        }
    }
}
