namespace CitizenServices.IntegrationTests.Representation;

/// <summary>
/// The real handler with the committed seed register and a clock each test sets to the date its scenario needs
/// (tests in a class run one at a time, so the shared clock is safe).
/// </summary>
public sealed class RepresentationAppFixture : IAsyncLifetime
{
    public RepresentationAppFixture()
    {
        Factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock) };
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));

    public CitizenServicesFactory Factory { get; }

    /// <summary>Sets the clock to noon, Europe/Oslo winter time, on the given date (forwards or back).</summary>
    public void Today(int year, int month, int day) => Clock.AdjustTime(new DateTimeOffset(year, month, day, 11, 0, 0, TimeSpan.Zero));

    public HttpClient Client(string pid) => Factory.CreateClient(Factory.Tokens.Citizen(pid));

    public async Task InitializeAsync() => await Factory.StartAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
