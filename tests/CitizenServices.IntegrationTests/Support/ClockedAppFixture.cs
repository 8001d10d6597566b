using CitizenServices.Application.Authorization;

namespace CitizenServices.IntegrationTests.Support;

/// <summary>
/// The real handler with the committed seed register, a storage account of its own and a clock the tests set: what every
/// capability's class fixture starts from. A class's tests run one at a time, so the shared clock is safe; a test that
/// writes for a seed person clears what it writes first.
/// </summary>
public abstract class ClockedAppFixture : IAsyncLifetime
{
    /// <param name="start">The clock's first instant.</param>
    /// <param name="tablePolicy">A policy on the app's table client (a recorder, a fault), as <see cref="CitizenServicesFactory.TablePolicy"/>.</param>
    /// <param name="position">Where it sits: per retry for a recorder (every retry seen), per call for a fault (not retried away).</param>
    protected ClockedAppFixture(
        DateTimeOffset start, Azure.Core.Pipeline.HttpPipelinePolicy? tablePolicy = null, Azure.Core.HttpPipelinePosition position = Azure.Core.HttpPipelinePosition.PerRetry)
    {
        Clock = new FakeTimeProvider(start);
        Factory = new CitizenServicesFactory
        {
            ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock),
            TablePolicy = tablePolicy,
            TablePolicyPosition = position,
        };
    }

    public FakeTimeProvider Clock { get; }

    public CitizenServicesFactory Factory { get; }

    /// <summary>Noon, Europe/Oslo winter time (11:00 UTC), on the given date: far from midnight, so the Oslo date is unambiguous.</summary>
    public void Today(int year, int month, int day) => Clock.AdjustTime(new DateTimeOffset(year, month, day, 11, 0, 0, TimeSpan.Zero));

    /// <summary>A client signed in as the citizen <paramref name="pid"/> (ID-porten, assurance level high).</summary>
    public HttpClient Citizen(string pid) => Factory.CreateClient(Factory.Tokens.Citizen(pid));

    public BoundedTable Table(string name) => Factory.Services.GetRequiredService<TableStore>().Table(name);

    /// <summary>Rows of one partition of a table (those whose RowKey starts with <paramref name="rowKeyPrefix"/>, if given).</summary>
    public async Task<List<TableEntity>> RowsAsync(string table, string partitionKey, string? rowKeyPrefix = null) =>
        await Table(table).QueryPartitionAsync<TableEntity>(partitionKey, rowKeyPrefix).ToListAsync();

    /// <summary>Runs <paramref name="action"/> with the app's services in a scope of their own, as a request would.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Factory.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>What the policy enforcement point decides for this request, through the app's own decider.</summary>
    public Task<AccessDecision> DecideAsync(string caller, string subject, Scope scope) =>
        WithScopeAsync(services => services.GetRequiredService<SubjectAccessDecider>()
            .DecideAsync(NationalIdentityNumber.Parse(caller), NationalIdentityNumber.Parse(subject), scope, CancellationToken.None));

    public virtual async Task InitializeAsync() => await Factory.StartAsync();

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}
