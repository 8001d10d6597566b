using NJsonSchema;

namespace CitizenServices.EndToEndTests;

/// <summary>The JSON Schemas of contracts/messages, loaded once, and validation that names every error.</summary>
internal static class Schemas
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Cache = new(StringComparer.Ordinal);

    public static string ContractsRoot => Path.Combine(RepositoryRoot.Find(), "contracts", "messages");

    public static Task<JsonSchema> EnvelopeAsync() => LoadAsync("event-envelope.schema.json");

    public static Task<JsonSchema> NotificationRequestAsync() => LoadAsync("notification-request.schema.json");

    public static Task<JsonSchema> RegularGpMessageAsync() => LoadAsync("fastlege-message.schema.json");

    public static Task<JsonSchema> DataAsync(string type, int version) => LoadAsync(Path.Combine("events", $"{type}.v{version}.schema.json"));

    public static Task<JsonSchema> LoadAsync(string relativePath) =>
        Cache.GetOrAdd(relativePath, path => new Lazy<Task<JsonSchema>>(() => JsonSchema.FromFileAsync(Path.Combine(ContractsRoot, path)))).Value;

    /// <summary>Fails the test with every violation when <paramref name="json"/> does not satisfy <paramref name="schema"/>.</summary>
    public static void AssertValid(JsonSchema schema, string json, string what)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{what} violates {schema.Title}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}\n{json}");
    }

    /// <summary>An envelope and its data, each against its schema.</summary>
    public static async Task AssertValidEnvelopeAsync(string json, string what)
    {
        AssertValid(await EnvelopeAsync(), json, what);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var data = await DataAsync(node["type"]!.GetValue<string>(), node["schemaVersion"]!.GetValue<int>());
        AssertValid(data, node["data"]!.ToJsonString(), what + " data");
    }
}
