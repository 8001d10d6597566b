using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CitizenServices.Application.Authorization;
using CitizenServices.Application.Events;
using CitizenServices.Application.Guardianship.Apply;
using CitizenServices.Domain.Authorization;
using CitizenServices.Domain.Identity;
using CitizenServices.Infrastructure.Storage;
using CitizenServices.IntegrationTests.Events;
using CitizenServices.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenServices.IntegrationTests.Guardianship;

/// <summary>
/// The real handler with the committed seed register, Azurite and a clock the tests set. The feed's function is invoked
/// over real HTTP with host-shaped Service Bus payloads. Tests in a class run one at a time; each clears its people first.
/// </summary>
public sealed class GuardianshipAppFixture : IAsyncLifetime
{
    /// <summary>Per Moe in the seed: an adult the register feed puts under guardianship in these tests.</summary>
    public const string Ward = "17909032172";

    /// <summary>Astrid Lie in the seed.</summary>
    public const string Guardian = "01926642231";

    /// <summary>Erik Dahl in the seed.</summary>
    public const string OtherGuardian = "12897516193";

    public GuardianshipAppFixture()
    {
        Factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock) };
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));

    public CitizenServicesFactory Factory { get; }

    public BoundedTable Truth => Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.Guardianship);

    /// <summary>The shared index of every stored kind; the guardianship rows are those whose RowKey starts with <see cref="IndexPrefix"/>.</summary>
    public BoundedTable Index => Factory.Services.GetRequiredService<TableStore>().Table(StorageNames.Tables.RepresentationsByRepresentative);

    public const string IndexPrefix = "guardianship|";

    /// <summary>The guardian's guardianship rows in the shared index.</summary>
    public Task<List<TableEntity>> IndexRowsAsync(string guardian) => RowsAsync(Index, guardian, IndexPrefix);

    /// <summary>Noon, Europe/Oslo winter time, on the given date.</summary>
    public void Today(int year, int month, int day) => Clock.AdjustTime(new DateTimeOffset(year, month, day, 11, 0, 0, TimeSpan.Zero));

    public HttpClient Citizen(string pid) => Factory.CreateClient(Factory.Tokens.Citizen(pid));

    /// <summary>Delivers <paramref name="body"/> to <c>GuardianshipInbox</c> as the host does; asserts the invocation succeeded.</summary>
    public async Task<JsonObject> DeliverAsync(string body, string messageId)
    {
        using var client = Factory.CreateClient();
        using var content = new StringContent(Payloads.ServiceBus(body, messageId), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/GuardianshipInbox", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GuardianshipInbox: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<AccessDecision> DecideAsync(string caller, string subject, Scope scope)
    {
        using var services = Factory.Services.CreateScope();
        var decider = services.ServiceProvider.GetRequiredService<SubjectAccessDecider>();
        return await decider.DecideAsync(NationalIdentityNumber.Parse(caller), NationalIdentityNumber.Parse(subject), scope, CancellationToken.None);
    }

    public static async Task<List<TableEntity>> RowsAsync(BoundedTable table, string partitionKey, string? rowKeyPrefix = null) =>
        await table.QueryPartitionAsync<TableEntity>(partitionKey, rowKeyPrefix).ToListAsync();

    /// <summary>The <c>guardianship.changed</c> outbox rows in the ward's partition.</summary>
    public Task<List<TableEntity>> OutboxRowsAsync(string ward) => RowsAsync(Truth, ward, "outbox|");

    public async Task<IReadOnlyList<ParkedMessage>> ParkedTodayAsync()
    {
        var parkingLot = Factory.Services.GetRequiredService<IParkingLot>();
        var day = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        return await parkingLot.ListAsync(ApplyGuardianshipChangeHandler.Consumer, day, default).ToListAsync();
    }

    /// <summary>Deletes every row of these wards' partitions and these guardians' guardianship rows of the index.</summary>
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
