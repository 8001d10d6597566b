using CitizenServices.Application.Events;

namespace CitizenServices.UnitTests.Events;

public sealed class EventEnvelopeTests
{
    [Fact]
    public void Create_WhenTypeIsKnown_StampsCurrentVersionClockAndTimeOrderedId()
    {
        var clock = EventSamples.Clock();
        var first = DomainEvent.Create(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted(), clock, "corr-1");
        clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = DomainEvent.Create(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted(), clock, null);

        Assert.Equal(1, first.SchemaVersion);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero), first.OccurredAt);
        Assert.Equal(7, first.EventId.Version);
        Assert.True(string.CompareOrdinal(first.EventId.ToString("N"), second.EventId.ToString("N")) < 0, "v7 ids must sort by time");
    }

    [Fact]
    public void Create_WhenTypeIsUnknown_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            DomainEvent.Create("fullmakt.lost", EventSamples.KariMother, EventSamples.Granted(), EventSamples.Clock(), null));
    }

    [Fact]
    public void ToUtf8Json_WhenSerialized_HasTheEnvelopeFieldsInCamelCaseWithFullSubject()
    {
        var domainEvent = DomainEvent.Create(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted(), EventSamples.Clock(), "corr-1");
        var json = JsonNode.Parse(domainEvent.ToEnvelope(new OutboxReference("fullmakt", EventSamples.KariMother.Value)).ToUtf8Json())!.AsObject();

        Assert.Equal(
            ["eventId", "type", "subject", "occurredAt", "correlationId", "schemaVersion", "data", "outbox"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal(domainEvent.EventId.ToString(), json["eventId"]!.GetValue<string>());
        Assert.Equal(Seed.KariMother, json["subject"]!.GetValue<string>());
        Assert.Equal(Seed.OlaFather, json["data"]!["representative"]!.GetValue<string>());
        Assert.Equal("fullmakt", json["outbox"]!["table"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "not a valid event envelope")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"type":"fullmakt.granted"}""", "not a valid event envelope")]
    [InlineData($$$"""{"eventId":"00000000-0000-0000-0000-000000000000","type":"x","subject":"{{{Seed.KariMother}}}","occurredAt":"2026-01-01T00:00:00Z","schemaVersion":1,"data":{}}""", "eventId must not be empty")]
    [InlineData("""{"eventId":"019c9e1a-0000-7000-8000-000000000001","type":"x","subject":"14838510037","occurredAt":"2026-01-01T00:00:00Z","schemaVersion":1,"data":{}}""", "not a valid event envelope")]
    [InlineData($$$"""{"eventId":"019c9e1a-0000-7000-8000-000000000001","type":"x","subject":"{{{Seed.KariMother}}}","occurredAt":"2026-01-01T00:00:00Z","schemaVersion":0,"data":{}}""", "schemaVersion")]
    [InlineData($$$"""{"eventId":"019c9e1a-0000-7000-8000-000000000001","type":"x","subject":"{{{Seed.KariMother}}}","occurredAt":"2026-01-01T00:00:00Z","schemaVersion":1,"data":[]}""", "data must be a JSON object")]
    public void TryParse_WhenBodyIsNotAValidEnvelope_FailsWithReason(string body, string expectedReason)
    {
        var parsed = EventEnvelope.TryParse(Encoding.UTF8.GetBytes(body), out var envelope, out var error);

        Assert.False(parsed);
        Assert.Null(envelope);
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_WhenTypeIsUnknown_ReportsUnknownType()
    {
        var envelope = EventSamples.Envelope(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted()) with { Type = "consent.given" };

        Assert.False(EventData.TryRead(envelope, out _, out var unknownType, out var error));
        Assert.True(unknownType);
        Assert.Contains("consent.given", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_WhenRequiredDataFieldIsMissing_ReportsSchemaViolation()
    {
        var envelope = EventSamples.Envelope(EventTypes.FullmaktGranted, EventSamples.KariMother, EventSamples.Granted());
        var data = JsonNode.Parse(envelope.Data.GetRawText())!.AsObject();
        data.Remove("representative");

        var parsed = EventData.TryRead(
            envelope with { Data = System.Text.Json.JsonSerializer.SerializeToElement(data) }, out _, out var unknownType, out var error);

        Assert.False(parsed);
        Assert.False(unknownType);
        Assert.Contains("breaks its schema", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_WhenFosterRelationHasThreeFosterParents_ReportsSchemaViolation()
    {
        var foster = EventSamples.Foster(FosterCareLegalBasis.CareOrder, false) with
        {
            FosterParents = [EventSamples.KariMother, EventSamples.OlaFather, EventSamples.Unregistered],
        };
        var envelope = EventSamples.Envelope(EventTypes.FosterRelationRegistered, EventSamples.EmmaUnder12, foster);

        Assert.False(EventData.TryRead(envelope, out _, out _, out var error));
        Assert.Contains("fosterParents", error, StringComparison.Ordinal);
    }
}
