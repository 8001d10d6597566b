namespace CitizenServices.IntegrationTests.Fullmakt;

/// <summary>
/// The real handler with the committed seed register, Azurite and a clock the tests set. Tests in a class run one at a
/// time, so the shared clock is safe; each test first clears the fullmakter of the people it uses.
/// </summary>
public sealed class FullmaktAppFixture : IAsyncLifetime
{
    public FullmaktAppFixture()
    {
        Factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock) };
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));

    public CitizenServicesFactory Factory { get; }

    /// <summary>Noon, Europe/Oslo winter time, on the given date.</summary>
    public void Today(int year, int month, int day) => Clock.AdjustTime(new DateTimeOffset(year, month, day, 11, 0, 0, TimeSpan.Zero));

    public HttpClient Citizen(string pid) => Factory.CreateClient(Factory.Tokens.Citizen(pid));

    public BoundedTable Truth => Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.Fullmakt);

    /// <summary>The shared index of every stored kind; the fullmakt rows are those whose RowKey starts with <see cref="IndexPrefix"/>.</summary>
    public BoundedTable Index => Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.RepresentationsByRepresentative);

    public const string IndexPrefix = "fullmakt|";

    /// <summary>What the policy enforcement point decides for this request, through the app's own decider.</summary>
    public async Task<AccessDecision> DecideAsync(string caller, string subject, Scope scope)
    {
        using var services = Factory.Services.CreateScope();
        var decider = services.ServiceProvider.GetRequiredService<SubjectAccessDecider>();
        return await decider.DecideAsync(NationalIdentityNumber.Parse(caller), NationalIdentityNumber.Parse(subject), scope, CancellationToken.None);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var services = Factory.Services.CreateScope();
        return await action(services.ServiceProvider);
    }

    /// <summary>Deletes every fullmakt row given by or to these people: their partitions of the truth, their fullmakt rows of the index.</summary>
    public async Task ClearAsync(params string[] people)
    {
        foreach (var (table, prefix) in new[] { (Truth, (string?)null), (Index, IndexPrefix) })
        {
            foreach (var person in people)
            {
                await table.DeletePartitionAsync(person, prefix);
            }
        }
    }

    public async Task InitializeAsync() => await Factory.StartAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
