namespace CitizenServices.EndToEndTests;

/// <summary>
/// contracts/messages and the code agree: every example is valid against its schema and readable by the consumers'
/// parser, and every message the code produces is valid against its schema.
/// </summary>
public sealed class ContractTests
{
    public static TheoryData<string> EventExamples() =>
        [.. ExampleFiles("*.json").Where(f => !f.StartsWith("notification-request", StringComparison.Ordinal))];

    public static TheoryData<string> NotificationExamples() => [.. ExampleFiles("notification-request*.json")];

    private static IEnumerable<string> ExampleFiles(string pattern) =>
        Directory.GetFiles(Path.Combine(Schemas.ContractsRoot, "examples"), pattern).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [Fact]
    public void Examples_WhenListed_CoverEveryEventTypeAndChannelKind()
    {
        var eventExamples = ExampleFiles("*.json").Where(f => !f.StartsWith("notification-request", StringComparison.Ordinal));
        Assert.Equal(EventTypes.CurrentVersions.Keys.Order(StringComparer.Ordinal), eventExamples.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        Assert.Equal(2, ExampleFiles("notification-request*.json").Count());
    }

    [Theory]
    [MemberData(nameof(EventExamples))]
    public async Task EventExample_WhenValidatedAndParsed_SatisfiesTheSchemasAndTheConsumerParser(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", file));

        await Schemas.AssertValidEnvelopeAsync(json, file);
        Assert.True(EventEnvelope.TryParse(Encoding.UTF8.GetBytes(json), out var envelope, out var error), error);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), envelope!.Type);
        Assert.True(EventData.TryRead(envelope, out _, out _, out error), error);
    }

    [Theory]
    [MemberData(nameof(NotificationExamples))]
    public async Task NotificationExample_WhenValidated_SatisfiesTheSchema(string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", file));

        Schemas.AssertValid(await Schemas.NotificationRequestAsync(), json, file);
    }

    [Theory]
    [MemberData(nameof(EventExamples))]
    public async Task ProducedMessages_WhenBuiltFromEachExample_SatisfyTheirSchemas(string file)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", file)))!;
        var type = example["type"]!.GetValue<string>();
        var subject = NationalIdentityNumber.Parse(example["subject"]!.GetValue<string>());
        Assert.True(EventEnvelope.TryParse(Encoding.UTF8.GetBytes(example.ToJsonString()), out var parsed, out var error), error);
        Assert.True(EventData.TryRead(parsed!, out var data, out _, out error), error);

        // What a producer publishes (through DomainEvent and the relay's envelope) and what the Notifier sends.
        var produced = DomainEvent.Create(type, subject, data!, TimeProvider.System, null);
        var envelopeJson = Encoding.UTF8.GetString(produced.ToEnvelope(new OutboxReference("outbox", subject.Value)).ToUtf8Json());
        await Schemas.AssertValidEnvelopeAsync(envelopeJson, "produced " + type);

        var schema = await Schemas.NotificationRequestAsync();
        foreach (var request in NotificationPlanner.Plan(parsed!, data!))
        {
            Schemas.AssertValid(schema, JsonSerializer.Serialize(request, EventEnvelope.SerializerOptions), $"notification for {type}");
        }
    }

    [Fact]
    public async Task RegularGpMessageExample_WhenValidated_SatisfiesTheSchema()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "outbound", "fastlege-message.json"));

        Schemas.AssertValid(await Schemas.RegularGpMessageAsync(), json, "fastlege-message.json");
    }

    [Theory]
    [InlineData("summary", "")]
    [InlineData("channel", "in-person")]
    [InlineData("municipality", "301")]
    public async Task RegularGpMessageSchema_WhenTheConsultationIsInvalid_RejectsIt(string field, string value)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "outbound", "fastlege-message.json")))!;
        example["consultation"]![field] = value;

        Assert.NotEmpty((await Schemas.RegularGpMessageAsync()).Validate(example.ToJsonString()));
    }

    [Theory]
    [InlineData("subject", "1483851003")]
    [InlineData("type", "consent.given")]
    [InlineData("eventId", "not-a-uuid")]
    public async Task EnvelopeSchema_WhenAFieldIsInvalid_RejectsIt(string field, string value)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "fullmakt.granted.json")))!;
        example[field] = value;

        Assert.NotEmpty((await Schemas.EnvelopeAsync()).Validate(example.ToJsonString()));
    }

    [Theory]
    [InlineData("sms")]
    [InlineData("email")]
    public async Task NotificationSchema_WhenSmsOrEmailCarriesParameters_RejectsIt(string channel)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "notification-request.sms.json")))!;
        example["channel"] = channel;
        example["parameters"] = new JsonObject { ["serviceAreas"] = "health-records" };

        Assert.NotEmpty((await Schemas.NotificationRequestAsync()).Validate(example.ToJsonString()));
    }

    [Fact]
    public async Task NotificationSchema_WhenSmsUsesADetailedTemplate_RejectsIt()
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "notification-request.sms.json")))!;
        example["template"] = "fullmakt-granted-giver";

        Assert.NotEmpty((await Schemas.NotificationRequestAsync()).Validate(example.ToJsonString()));
    }

    [Fact]
    public async Task DataSchema_WhenFullmaktHasNoServiceAreas_RejectsIt()
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "fullmakt.granted.json")))!;
        example["data"]!["serviceAreas"] = new JsonArray();

        Assert.NotEmpty((await Schemas.DataAsync("fullmakt.granted", 1)).Validate(example["data"]!.ToJsonString()));
    }
}
