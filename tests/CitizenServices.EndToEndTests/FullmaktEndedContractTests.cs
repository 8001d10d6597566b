using CitizenServices.Domain.Fullmakt;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// The ending a death makes (docs/events.md, "fullmakt.ended after a death") against contracts/messages: schema v1 with
/// the optional <c>reason</c> and <c>deceased</c>, readable by the consumers' parser, and notifying only the survivor with
/// schema-valid requests. The examples cover the ending a party makes.
/// </summary>
public sealed class FullmaktEndedContractTests
{
    private static readonly NationalIdentityNumber Kari = NationalIdentityNumber.Parse("14838510036");
    private static readonly NationalIdentityNumber Ola = NationalIdentityNumber.Parse("02918320167");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FullmaktEnded_WhenADeathEndedIt_SatisfiesSchemaV1AndTheConsumerParser(bool giverDied)
    {
        var granted = new Domain.Fullmakt.Fullmakt
        {
            Id = Guid.NewGuid(), Kind = FullmaktKind.Ordinary, Giver = Kari, Representative = Ola, ServiceAreas = [ServiceAreaCatalog.Appointments],
            GrantedAt = new DateTimeOffset(2026, 11, 1, 11, 0, 0, TimeSpan.Zero), ValidFrom = new DateTimeOffset(2026, 11, 1, 11, 0, 0, TimeSpan.Zero),
        };
        var (ended, _) = FullmaktDeath.End(granted, giverDied ? Kari : Ola, new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));
        var e = FullmaktEvents.Ended(ended);

        var produced = DomainEvent.Create(e.Type, e.Subject, e.Data, e.OccurredAt, null);
        var json = Encoding.UTF8.GetString(produced.ToEnvelope(new OutboxReference("people", Kari.Value)).ToUtf8Json());

        await Schemas.AssertValidEnvelopeAsync(json, "fullmakt.ended after a death");
        Assert.True(EventEnvelope.TryParse(Encoding.UTF8.GetBytes(json), out var envelope, out var error), error);
        Assert.True(EventData.TryRead(envelope!, out var data, out _, out error), error);
        var read = Assert.IsType<FullmaktEnded>(data);
        Assert.Equal((FullmaktEndReason.Death, giverDied ? Kari : Ola), (read.Reason, read.Deceased));

        var schema = await Schemas.NotificationRequestAsync();
        var requests = NotificationPlanner.Plan(envelope!, data!);
        Assert.Equal([giverDied ? Ola : Kari], requests.Select(r => r.Recipient).Distinct());
        foreach (var request in requests)
        {
            Schemas.AssertValid(schema, JsonSerializer.Serialize(request, EventEnvelope.SerializerOptions), "notification after a death");
        }
    }

    [Fact]
    public async Task FullmaktEnded_WhenDeceasedIsNotANumber_IsRefusedBySchemaAndParser()
    {
        var example = await File.ReadAllTextAsync(Path.Combine(Schemas.ContractsRoot, "examples", "fullmakt.ended.json"));
        var broken = example.Replace("\"endedBy\": \"representative\"", "\"endedBy\": \"expiry\", \"reason\": \"death\", \"deceased\": \"1483851003\"", StringComparison.Ordinal);
        Assert.NotEqual(example, broken);

        var data = System.Text.Json.Nodes.JsonNode.Parse(broken)!["data"]!.ToJsonString();
        Assert.Contains((await Schemas.DataAsync("fullmakt.ended", 1)).Validate(data), e => e.Path?.Contains("deceased", StringComparison.Ordinal) == true);
        Assert.True(EventEnvelope.TryParse(Encoding.UTF8.GetBytes(broken), out var envelope, out _));
        Assert.False(EventData.TryRead(envelope!, out _, out _, out _));
    }
}
