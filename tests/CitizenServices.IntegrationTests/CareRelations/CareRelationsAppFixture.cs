using CitizenServices.Application.CareRelations.Inbox;

namespace CitizenServices.IntegrationTests.CareRelations;

/// <summary>
/// The real handler with the committed seed register, Azurite and a clock the tests set. Caseworkers call the API with
/// workforce tokens; the case system's queue is the <c>CareRelationsInbox</c> function invoked over real HTTP with
/// host-shaped Service Bus payloads. Tests in a class run one at a time; each clears its people first.
/// </summary>
public sealed class CareRelationsAppFixture() : ClockedAppFixture(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero))
{
    /// <summary>
    /// The four care-relation test classes share one app: its clock, which each test sets, and the foster home's people
    /// (and so their partitions), which each test clears first. So they run one after the other, and alone share the start-up.
    /// </summary>
    public const string Collection = "Care relations: one app, clock and foster home for four classes";

    /// <summary>The foster home of Hilde and Tor Bakken.</summary>
    public const string FosterHomeAddress = "adr-0301-0004";

    public const string Oslo = "0301";
    public const string Bergen = "4601";
    public const string CaseworkerId = "7a0c3e55-1d2b-4c6f-9e8a-0b1c2d3e4f50";

    public BoundedTable Truth => Table(StorageNames.Tables.CareRelation);

    public BoundedTable Index => Table(StorageNames.Tables.RepresentationsByRepresentative);

    public const string IndexPrefix = "fostercare|";

    public HttpClient Caseworker(string municipality = Oslo, string role = AppRoles.CareRelationsManage) =>
        Factory.CreateClient(Factory.Tokens.Workforce([role], municipality, CaseworkerId));

    /// <summary>A registration body; callers change what a test needs.</summary>
    public static JsonObject Registration(
        string child, string basis, bool? parentsKeep, string[]? fosterParents = null, string[]? scopes = null, string reference = "BV-2026-00417",
        string validFrom = "2026-11-01", string? validTo = null) => new()
    {
        ["child"] = child,
        ["legalBasis"] = basis,
        ["fosterParents"] = new JsonArray((fosterParents ?? [Seed.HildeFosterMother, Seed.TorFosterFather]).Select(p => (JsonNode)p!).ToArray()),
        ["decisionReference"] = reference,
        ["municipality"] = Oslo,
        ["validFrom"] = validFrom,
        ["validTo"] = validTo,
        ["delegatedScopes"] = new JsonArray((scopes ?? ["appointments", "messages"]).Select(s => (JsonNode)s!).ToArray()),
        ["parentsKeepDigitalAccess"] = parentsKeep,
    };

    /// <summary>Registers through the API as an Oslo caseworker; asserts 201 and returns the relation.</summary>
    public async Task<JsonElement> RegisterAsync(JsonObject body)
    {
        using var client = Caseworker();
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/care-relations", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Delivers <paramref name="body"/> to <c>CareRelationsInbox</c> as the host does; asserts the invocation succeeded.</summary>
    public async Task DeliverAsync(string body, string messageId)
    {
        await Factory.InvokeOkAsync("CareRelationsInbox", Payloads.ServiceBus(body, messageId));
    }

    /// <summary>The people <paramref name="caller"/> may act for now, from <c>GET /persons/me/represented</c>.</summary>
    public async Task<List<JsonElement>> RepresentedAsync(string caller)
    {
        using var client = Citizen(caller);
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/persons/me/represented", UriKind.Relative));
        return body.GetProperty("persons").EnumerateArray().ToList();
    }

    public static async Task<List<TableEntity>> RowsAsync(BoundedTable table, string partitionKey, string? rowKeyPrefix = null) =>
        await table.QueryPartitionAsync<TableEntity>(partitionKey, rowKeyPrefix).ToListAsync();

    /// <summary>The outbox rows in the child's partition: (event type, data).</summary>
    public async Task<List<(string Type, JsonElement Data)>> EventsAsync(string child) =>
        (await RowsAsync(Truth, child, "outbox|"))
            .Select(r => (r.GetString("EventType"), JsonSerializer.Deserialize<JsonElement>(r.GetString("Data"))))
            .ToList();

    /// <summary>The messages parked today with these Service Bus message ids (the parking lot is shared by every test of the day).</summary>
    public async Task<IReadOnlyList<ParkedMessage>> ParkedTodayAsync(params string[] messageIds)
    {
        var parkingLot = Factory.Services.GetRequiredService<IParkingLot>();
        var day = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        return await parkingLot.ListAsync(ReceiveCareRelationCommandHandler.Consumer, day, default)
            .Where(m => messageIds.Contains(m.MessageId)).ToListAsync();
    }

    /// <summary>Deletes every row of these children's partitions and these foster parents' foster care rows of the index.</summary>
    public async Task ClearAsync(params string[] people)
    {
        foreach (var person in people)
        {
            await Truth.DeletePartitionAsync(person);
            await Index.DeletePartitionAsync(person, IndexPrefix);
        }
    }

    /// <summary>
    /// 1 December 2026, and none of the foster home's relations: the state every test starts from, whichever test of the
    /// four classes ran before it.
    /// </summary>
    public Task ResetAsync()
    {
        Today(2026, 12, 1);
        return ClearAsync(Seed.OliverFosterChild, Seed.SofieFosterChild12To15, Seed.HildeFosterMother, Seed.TorFosterFather);
    }
}

[CollectionDefinition(CareRelationsAppFixture.Collection)]
public sealed class CareRelationsTestGroup : ICollectionFixture<CareRelationsAppFixture>;
