using NJsonSchema;

namespace CitizenServices.IntegrationTests.Contract.Fuzz;

/// <summary>
/// Rule: bad input gets a precise 4xx problem detail, never a 5xx and never a partial write. Every operation of the
/// committed contract is sent the malformed requests <see cref="ContractCases"/> generates from it. Whatever the answer, it
/// is not a 5xx, and a 4xx is an <c>application/problem+json</c> without .NET internals. Where the contract itself refuses
/// the request (the body breaks its schema), the answer is a 4xx and the app sent no write to storage: every request its
/// table client sends is recorded on the wire (<see cref="StorageRequestRecorder"/>), which is what every write goes
/// through, so a refused case costs one request instead of two reads of the whole storage account.
/// </summary>
[Collection(ContractFuzzRun.Name)]
public sealed class ContractFuzzTests(ContractFuzzFixture app, ITestOutputHelper output) : ContractFuzz(app, output)
{
    public static TheoryData<string> OperationIds() => OperationIdsOf(0);

    [Theory]
    [MemberData(nameof(OperationIds))]
    public Task Operation_WhenSentMalformedInput_AnswersA4xxProblemAndChangesNothing(string operationId) => FuzzAsync(operationId);

    [Fact]
    public void Generator_CoversEveryOperationWithABody_AndEveryField()
    {
        var operations = ContractCases.Operations(ContractFuzzFixture.Contract);
        var withBody = operations.Where(o => o.BodySchema is not null).ToList();
        var cases = operations.SelectMany(o => ContractCases.For(ContractFuzzFixture.Contract, o)).ToList();

        Assert.All(withBody, o => Assert.True(o.BodyExample is JsonObject, $"{o.OperationId} has no example body to mutate."));
        Assert.Contains(cases, c => c.OperationId() == "DecideConsent" && c.What == "validTo: date 9999-12-31");
        Assert.Contains(cases, c => c.OperationId() == "PublishSlots" && c.What == "slots[0]: [null]" || c.What == "slots: [null]");
        Assert.Contains(cases, c => c.OperationId() == "ListFreeSlots" && c.What.StartsWith("query from:", StringComparison.Ordinal));

        // The parts together fuzz every operation exactly once.
        var inParts = Enumerable.Range(0, Parts).SelectMany(part => OperationIdsOf(part).Select((object[] row) => (string)row[0])).ToList();
        Assert.Equal(operations.Select(o => o.OperationId).Order(StringComparer.Ordinal), inParts.Order(StringComparer.Ordinal));
        Output.WriteLine($"{operations.Count} operations, {withBody.Count} with a body, {cases.Count} cases in all");
    }
}

/// <summary>The second part of the operations, on an app and storage account of its own (<see cref="ContractFuzz"/>).</summary>
public sealed class ContractFuzzPart2Tests(ContractFuzzFixture app, ITestOutputHelper output)
    : ContractFuzz(app, output), IClassFixture<ContractFuzzFixture>
{
    public static TheoryData<string> OperationIds() => OperationIdsOf(1);

    [Theory]
    [MemberData(nameof(OperationIds))]
    public Task Operation_WhenSentMalformedInput_AnswersA4xxProblemAndChangesNothing(string operationId) => FuzzAsync(operationId);
}

/// <summary>The third part of the operations, on an app and storage account of its own (<see cref="ContractFuzz"/>).</summary>
public sealed class ContractFuzzPart3Tests(ContractFuzzFixture app, ITestOutputHelper output)
    : ContractFuzz(app, output), IClassFixture<ContractFuzzFixture>
{
    public static TheoryData<string> OperationIds() => OperationIdsOf(2);

    [Theory]
    [MemberData(nameof(OperationIds))]
    public Task Operation_WhenSentMalformedInput_AnswersA4xxProblemAndChangesNothing(string operationId) => FuzzAsync(operationId);
}

/// <summary>The fourth part of the operations, on an app and storage account of its own (<see cref="ContractFuzz"/>).</summary>
public sealed class ContractFuzzPart4Tests(ContractFuzzFixture app, ITestOutputHelper output)
    : ContractFuzz(app, output), IClassFixture<ContractFuzzFixture>
{
    public static TheoryData<string> OperationIds() => OperationIdsOf(3);

    [Theory]
    [MemberData(nameof(OperationIds))]
    public Task Operation_WhenSentMalformedInput_AnswersA4xxProblemAndChangesNothing(string operationId) => FuzzAsync(operationId);
}

/// <summary>
/// The fuzz itself. The operations are split into <see cref="Parts"/> parts balanced by their number of cases, each part a
/// test class with an app and storage account of its own: a snapshot of storage is one part's alone, so the parts run side by
/// side instead of one long class setting the suite's length.
/// </summary>
public abstract class ContractFuzz(ContractFuzzFixture app, ITestOutputHelper output)
{
    public const int Parts = 4;

    protected ITestOutputHelper Output => output;

    /// <summary>One part's operations: largest first, each into the part with the fewest cases so far (stable: by id on ties).</summary>
    protected static TheoryData<string> OperationIdsOf(int part)
    {
        var load = new int[Parts];
        var data = new TheoryData<string>();
        var bySize = ContractCases.Operations(ContractFuzzFixture.Contract)
            .Select(o => (o.OperationId, Cases: ContractCases.For(ContractFuzzFixture.Contract, o).Count()))
            .OrderByDescending(o => o.Cases).ThenBy(o => o.OperationId, StringComparer.Ordinal);
        foreach (var (operationId, cases) in bySize)
        {
            var into = Array.IndexOf(load, load.Min());
            load[into] += cases;
            if (into == part)
            {
                data.Add(operationId);
            }
        }

        return data;
    }

    protected async Task FuzzAsync(string operationId)
    {
        var operation = ContractCases.Operations(ContractFuzzFixture.Contract).Single(o => o.OperationId == operationId);
        var schema = operation.BodySchema is null ? null : await app.SchemaAsync(operation);
        var failures = new List<string>();
        var cases = ContractCases.For(ContractFuzzFixture.Contract, operation).ToList();
        var refusedCount = 0;

        foreach (var @case in cases)
        {
            var refused = @case.Path is null && Refuses(schema, @case.Body);
            refusedCount += refused ? 1 : 0;
            var sentBefore = app.Recorder.Count;
            using var response = await app.SendAsync(@case);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                failures.Add($"{@case}: {status} {Shorten(text)}");
                continue;
            }

            if (status >= 400 && ProblemDefect(response, text, status) is { } defect)
            {
                failures.Add($"{@case}: {defect}");
            }

            if (refused && status < 400)
            {
                failures.Add($"{@case}: the contract refuses this body, the service answered {status}");
            }

            // The fixture's app runs one request at a time here and nothing in the background, so every write its table
            // client sent since the request began was the request's.
            if (refused && app.Recorder.WritesAfter(sentBefore) is { Count: > 0 } writes)
            {
                failures.Add($"{@case}: refused ({status}) but sent {writes.Count} storage write(s): {string.Join(", ", writes.Take(3))}");
            }
        }

        output.WriteLine($"{operation.Method.ToUpperInvariant()} {operation.Path}: {cases.Count} cases, {refusedCount} refused by the contract");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Whether <paramref name="schema"/> refuses <paramref name="body"/> (text that is not JSON is refused).</summary>
    internal static bool Refuses(JsonSchema? schema, string? body)
    {
        if (schema is null || body is null)
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return true;
        }

        try
        {
            return schema.Validate(body).Count > 0;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Text System.Text.Json reads but Json.NET does not (a lone surrogate): the contract cannot be said to allow it.
            return false;
        }
    }

    private static string? ProblemDefect(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} is {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not a problem detail: {Shorten(text)}";
        }

        JsonElement problem;
        try
        {
            problem = JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return $"{status} problem is not JSON";
        }

        if (!problem.TryGetProperty("type", out var type) || !(type.GetString() ?? string.Empty).StartsWith("https://citizen-services.helsenorge.no/problems/", StringComparison.Ordinal)
            || !problem.TryGetProperty("status", out var s) || s.GetInt32() != status)
        {
            return $"{status} problem without our type or its status: {Shorten(text)}";
        }

        return text.Contains("System.", StringComparison.Ordinal) || text.Contains("Microsoft.", StringComparison.Ordinal)
            ? $"{status} problem names .NET internals: {Shorten(text)}"
            : null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

internal static class ContractCaseExtensions
{
    public static string OperationId(this ContractCase @case) => @case.Operation.OperationId;
}

/// <summary>
/// The fuzz and edge-rule tests share one app: the fuzz counts the storage writes the app sends during each refused request,
/// the edge rules read its storage back whole before and after one, so a request of the other class in between would be
/// taken for this one's; they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContractFuzzRun : ICollectionFixture<ContractFuzzFixture>
{
    public const string Name = "Contract fuzz: one app whose storage is read back whole";
}

/// <summary>
/// The handler on a storage account of its own (so a snapshot of storage is this app's alone), on a set clock, with the state the
/// contract's examples name: the schedule and slot, a care relation, a nettlege pilot. Requests are authenticated as the
/// operation's <c>x-access</c> says: a citizen at assurance level high, or a workforce token with the operation's roles.
/// </summary>
public sealed class ContractFuzzFixture : IAsyncLifetime
{
    public const string Municipality = "0301";

    public static JsonNode Contract { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "contracts", "openapi.json")))!;

    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private CitizenServicesFactory? _factory;
    private string _careRelationId = Guid.NewGuid().ToString();

    /// <summary>Tuesday 1 December 2026, 11:00 in Oslo: before the slots and dates the contract's examples use.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Every request the app's table client sends, reads and writes.</summary>
    public StorageRequestRecorder Recorder { get; } = new();

    private CitizenServicesFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _factory = new CitizenServicesFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(Clock), TablePolicy = Recorder };
        await _factory.StartAsync();
        var sentBefore = Recorder.Count;
        await SeedAsync();

        // The fuzz's no-write check is only as good as the recorder's view: the seed's writes must have been seen.
        Assert.True(Recorder.WritesAfter(sentBefore).Count > 0, "The recorder saw none of the seed's writes: it is not on the app's table client.");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    public async Task<JsonSchema> SchemaAsync(ContractOperation operation)
    {
        if (!_schemas.TryGetValue(operation.OperationId, out var schema))
        {
            // The body schema with the document's components beside it, so its references resolve.
            var root = operation.BodySchema!.DeepClone().AsObject();
            root["components"] = Contract["components"]!.DeepClone();
            schema = await JsonSchema.FromJsonAsync(root.ToJsonString());
            _schemas[operation.OperationId] = schema;
        }

        return schema;
    }

    public async Task<HttpResponseMessage> SendAsync(ContractCase @case)
    {
        var operation = @case.Operation;
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p["in"]?.GetValue<string>() == "path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            var value = @case.Path?.GetValueOrDefault(name) ?? RouteValue(operation, name);
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var uri = new Uri(path + (@case.Query.Length > 0 ? "?" + @case.Query : string.Empty), UriKind.Relative);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), uri);
        if (@case.Body is not null)
        {
            request.Content = new StringContent(@case.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var header in operation.Parameters.Where(p => p["in"]?.GetValue<string>() == "header"))
        {
            request.Headers.TryAddWithoutValidation(header["name"]!.GetValue<string>(), Guid.NewGuid().ToString());
        }

        if (Token(operation) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = Factory.CreateClient();
        return await client.SendAsync(request);
    }

    /// <summary>Every entity of every table, by key and ETag: any write changes the set.</summary>
    public async Task<HashSet<string>> SnapshotAsync()
    {
        var service = new TableServiceClient(Factory.StorageConnectionString);
        var snapshot = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in service.QueryAsync())
        {
            var client = service.GetTableClient(table.Name);
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                snapshot.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }

        return snapshot;
    }

    private string? Token(ContractOperation operation)
    {
        var access = operation.Operation["x-access"]?.AsObject();
        if (access is null || access.ContainsKey("public"))
        {
            return null;
        }

        if (access.ContainsKey("citizen"))
        {
            return Factory.Tokens.Citizen(Seed.KariMother);
        }

        var roles = (access["roles"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToList();
        return Factory.Tokens.Workforce(roles, Municipality);
    }

    private string RouteValue(ContractOperation operation, string name) => name switch
    {
        "subject" => "me",
        "municipality" => Municipality,
        "definitionId" => "research-heart-rhythm-study",
        "version" => "1.0",
        "person" => Seed.KariMother,
        "id" when operation.Path.Contains("/schedules/", StringComparison.Ordinal) => ContractExamples.ScheduleId,
        "id" when operation.Path.Contains("/care-relations/", StringComparison.Ordinal) => _careRelationId,
        _ => Guid.NewGuid().ToString(),
    };

    private async Task SeedAsync()
    {
        using var admin = Factory.CreateClient(Factory.Tokens.Workforce(
            [AppRoles.SchedulesManage, AppRoles.CareRelationsManage, AppRoles.NettlegeAdminister], Municipality));
        await Ok(admin.PutAsync(new Uri($"/api/v1/admin/schedules/{ContractExamples.ScheduleId}", UriKind.Relative), Json(ContractExamples.Schedule)));
        await Ok(admin.PostAsync(new Uri($"/api/v1/admin/schedules/{ContractExamples.ScheduleId}/slots", UriKind.Relative),
            Json(new JsonObject { ["slots"] = new JsonArray(new JsonObject { ["start"] = ContractExamples.SlotStart, ["lengthMinutes"] = 20, ["channel"] = "in-person" }) })));
        await Ok(admin.PutAsync(new Uri($"/api/v1/nettlege/pilots/{Municipality}", UriKind.Relative), Json(ContractExamples.Pilot)));
        using var registered = await admin.PostAsync(new Uri("/api/v1/care-relations", UriKind.Relative), Json(ContractExamples.CareRelation));
        var text = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.StatusCode == HttpStatusCode.Created, text);
        _careRelationId = JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>The request examples of the contract that name stored things, read from it so the fixture stores those things.</summary>
public static class ContractExamples
{
    public static string ScheduleId => Example("BookAppointment")["scheduleId"]!.GetValue<string>();

    public static JsonNode Schedule => Example("SaveSchedule");

    public static JsonNode Pilot => Example("ConfigureNettlegePilot");

    public static JsonNode CareRelation => Example("RegisterCareRelation");

    /// <summary>The start of the slot the booking example names, from its id (yyyyMMddTHHmmZ-nn).</summary>
    public static string SlotStart
    {
        get
        {
            var id = Example("BookAppointment")["slotId"]!.GetValue<string>();
            return $"{id[..4]}-{id[4..6]}-{id[6..8]}T{id[9..11]}:{id[11..13]}:00Z";
        }
    }

    private static JsonNode Example(string operationId) =>
        ContractCases.Operations(ContractFuzzFixture.Contract).Single(o => o.OperationId == operationId).BodyExample
        ?? throw new InvalidOperationException($"{operationId} has no request example in the contract.");
}
