using CitizenServices.Application.CareRelations;
using CitizenServices.Application.CareRelations.Inbox;
using NJsonSchema;

namespace CitizenServices.IntegrationTests.Contract.Fuzz;

/// <summary>
/// Rule: a queue or topic message that breaks its schema is acknowledged and parked with its reason on its first
/// delivery, never failed (which Service Bus would retry ten times and dead-letter), and changes nothing. The cases come
/// from <c>contracts/messages/</c> by the same generator as the HTTP fuzz tests: every field of each consumer's schema,
/// mutated from the schema's own example, delivered to the function as the Functions host delivers it.
/// </summary>
public sealed class MessageFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CitizenServicesFactory _factory = new();

    public async Task InitializeAsync() => await _factory.StartAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Each consumer with the schema of what it receives and the example the cases mutate.</summary>
    public static TheoryData<string> Consumers() => new(MessageConsumer.All.Select(c => c.Function));

    [Theory]
    [MemberData(nameof(Consumers))]
    public async Task Consumer_WhenSentMessagesThatBreakTheirSchema_AcknowledgesAndParksEachAndChangesNothing(string function)
    {
        var consumer = MessageConsumer.All.Single(c => c.Function == function);
        var schema = await JsonSchema.FromJsonAsync(consumer.Schema.ToJsonString());
        var operation = new ContractOperation("post", "/" + function, function, new JsonObject(), consumer.Schema, consumer.Example, []);
        var cases = ContractCases.For(consumer.Schema, operation).Where(c => c.Body is not null).ToList();
        var failures = new List<string>();
        var refusedCases = new List<(string What, string MessageId, bool HadOutputs)>();
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var @case in cases)
        {
            var refused = ContractFuzz.Refuses(schema, @case.Body);
            var messageId = "fuzz-" + Guid.NewGuid();
            var before = refused ? await consumer.StateAsync(_factory.Services) : null;

            var (status, text) = await _factory.InvokeAsync(function, Payloads.ServiceBus(@case.Body!, messageId));
            if (status != HttpStatusCode.OK)
            {
                failures.Add($"{@case.What}: the invocation failed ({(int)status}), so Service Bus would retry it: {Shorten(text)}");
                continue;
            }

            if (!refused)
            {
                continue;
            }

            refusedCases.Add((@case.What, messageId, JsonNode.Parse(text)?["Outputs"]?.AsObject() is { Count: > 0 }));
            if (before is not null && await consumer.StateAsync(_factory.Services) is var after && after != before)
            {
                failures.Add($"{@case.What}: refused by the schema but the state changed: {before} -> {after}");
            }
        }

        // What each refused message left in the parking lot, read once after all were delivered (the lot is kept per UTC day).
        var parked = await ParkedAsync(consumer.Parking, firstDay, DateOnly.FromDateTime(DateTime.UtcNow));
        foreach (var (what, messageId, hadOutputs) in refusedCases)
        {
            if (!parked.TryGetValue(messageId, out var reason))
            {
                if (hadOutputs)
                {
                    failures.Add($"{what}: the schema refuses it, but it was neither parked nor left without effect");
                }
            }
            else if (string.IsNullOrWhiteSpace(reason) || reason.Contains("System.", StringComparison.Ordinal))
            {
                failures.Add($"{what}: parked without a readable reason: {reason}");
            }
        }

        output.WriteLine($"{function}: {cases.Count} messages, {refusedCases.Count} refused by the schema");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} messages failed:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>The reason of each message <paramref name="consumer"/> parked from <paramref name="from"/> to <paramref name="to"/>, by message id.</summary>
    private async Task<Dictionary<string, string>> ParkedAsync(string consumer, DateOnly from, DateOnly to)
    {
        var parkingLot = _factory.Services.GetRequiredService<IParkingLot>();
        var parked = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await foreach (var message in parkingLot.ListAsync(consumer, day, default))
            {
                if (message.MessageId is { } id)
                {
                    parked[id] = message.Reason;
                }
            }
        }

        return parked;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>A function that consumes messages, the schema and example of what it receives, and what it changes.</summary>
internal sealed record MessageConsumer(string Function, string Parking, JsonObject Schema, JsonObject Example, Func<IServiceProvider, Task<string>> StateAsync)
{
    private static readonly string Messages = Path.Combine(RepositoryRoot.Find(), "contracts", "messages");

    public static IReadOnlyList<MessageConsumer> All { get; } =
    [
        new("CareRelationsInbox", ReceiveCareRelationCommandHandler.Consumer, Read("care-relations-inbound.schema.json"),
            Read(Path.Combine("examples", "inbound", "care-relations-inbound.json")), RelationsOf(Seed.OliverFosterChild)),

        // Event consumers: the envelope with the data schema of a type the consumer handles. Their effect is their output.
        new("Notifier", NotifyHandler.Consumer, Event("fullmakt.granted"), Read(Path.Combine("examples", "fullmakt.granted.json")), Nothing),
        new("FastlegeInformer", InformRegularGpHandler.Consumer, Event("nettlege-consultation.completed"),
            Read(Path.Combine("examples", "nettlege-consultation.completed.json")), Nothing),
    ];

    private static JsonObject Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Messages, file)))!.AsObject();

    private static JsonObject Event(string type)
    {
        var envelope = Read("event-envelope.schema.json");
        var data = Read(Path.Combine("events", type + ".v1.schema.json"));
        data.Remove("$schema");
        data.Remove("$id");
        envelope["properties"]!["data"] = data;
        return envelope;
    }

    private static Task<string> Nothing(IServiceProvider services) => Task.FromResult(string.Empty);

    /// <summary>The child's relations, each with its versions: a refused command must leave them as they were.</summary>
    private static Func<IServiceProvider, Task<string>> RelationsOf(string child) => async services =>
    {
        var loaded = await services.GetRequiredService<ICareRelationStore>().LoadAsync(NationalIdentityNumber.Parse(child), default);
        return string.Join(";", loaded.Relations.OrderBy(r => r.Id).Select(r => $"{r.Id:N}@{string.Join(",", r.History.Select(v => v.Version))}"));
    };
}
