using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;

namespace CitizenServices.IntegrationTests.Events;

/// <summary>
/// The Service Bus adapter against the SDK's test seams: a recording <see cref="ServiceBusSender"/> subclass for what
/// is sent, <see cref="ServiceBusModelFactory"/> for what a consumer then receives.
/// </summary>
public sealed partial class ServiceBusEventPublisherTests
{
    private static readonly NationalIdentityNumber KariMother = NationalIdentityNumber.Parse(Seed.KariMother);
    private static readonly NationalIdentityNumber OlaFather = NationalIdentityNumber.Parse(Seed.OlaFather);

    [Fact]
    public async Task PublishAsync_WhenEventsAreSent_EachMessageCarriesIdSubjectCorrelationContentTypeAndSchemaVersion()
    {
        var client = new RecordingServiceBusClient();
        await using var publisher = new ServiceBusEventPublisher(client, "citizen-events");
        var granted = Granted("corr-1");
        var withoutCorrelation = Granted(null);

        await publisher.PublishAsync([granted.ToEnvelope(null), withoutCorrelation.ToEnvelope(null)], default);

        var sent = client.SentTo("citizen-events");
        Assert.Equal([granted.EventId.ToString(), withoutCorrelation.EventId.ToString()], sent.Select(m => m.MessageId));
        Assert.All(sent, m => Assert.Equal(EventTypes.FullmaktGranted, m.Subject));
        Assert.All(sent, m => Assert.Equal("application/json", m.ContentType));
        Assert.All(sent, m => Assert.Equal(1, m.ApplicationProperties[EventMessages.SchemaVersionProperty]));
        Assert.Equal("corr-1", sent[0].CorrelationId);
        Assert.Equal(withoutCorrelation.EventId.ToString(), sent[1].CorrelationId);
    }

    [Fact]
    public async Task PublishAsync_WhenSent_NoMessagePropertyHoldsANationalIdentityNumber()
    {
        var client = new RecordingServiceBusClient();
        await using var publisher = new ServiceBusEventPublisher(client, "citizen-events");

        await publisher.PublishAsync([Granted(null).ToEnvelope(null)], default);

        // Domain rule: properties are visible to the broker, its tooling and every subscription's filters; only the body
        // (as before) names people. The correlation id is the caller's own value, so the check covers what the adapter adds.
        var message = Assert.Single(client.SentTo("citizen-events"));
        var properties = new[] { message.MessageId, message.Subject, message.ContentType }
            .Concat(message.ApplicationProperties.Values.Select(v => v?.ToString()));
        // The people the event names must not appear anywhere, and nothing may look like another person's number: a
        // standalone run of eleven digits. Digits inside a longer token (the hex of a GUID message id) are not a number.
        Assert.All(properties, value => Assert.DoesNotContain(KariMother.Value, value ?? string.Empty, StringComparison.Ordinal));
        Assert.All(properties, value => Assert.DoesNotContain(OlaFather.Value, value ?? string.Empty, StringComparison.Ordinal));
        Assert.All(properties, value => Assert.DoesNotMatch(StandaloneElevenDigits(), value ?? string.Empty));
    }

    [Fact]
    public async Task PublishAsync_WhenMoreEventsThanOneBatchHolds_SendsSeveralBatchesInOrderWithOneCachedSender()
    {
        var client = new RecordingServiceBusClient { MessagesPerBatch = 2 };
        await using var publisher = new ServiceBusEventPublisher(client, "citizen-events");
        var events = Enumerable.Range(0, 5).Select(_ => Granted(null).ToEnvelope(null)).ToList();

        await publisher.PublishAsync(events, default);
        await publisher.PublishAsync([Granted(null).ToEnvelope(null)], default);

        Assert.Equal(events.Select(e => e.EventId.ToString()), client.SentTo("citizen-events").Take(5).Select(m => m.MessageId));
        Assert.Equal(1, client.SendersCreated["citizen-events"]);
    }

    [Fact]
    public async Task PublishAsync_WhenTheBrokerRefuses_Throws()
    {
        var client = new RecordingServiceBusClient { FailNextSends = 1 };
        await using var publisher = new ServiceBusEventPublisher(client, "citizen-events");

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => publisher.PublishAsync([Granted(null).ToEnvelope(null)], default));

        Assert.Equal(ServiceBusFailureReason.ServiceBusy, failure.Reason);
        Assert.Empty(client.Sent);
    }

    [Fact]
    public async Task PublishAsync_WhenAConsumerReceivesTheMessage_ItsBodyIsTheEnvelopeAndItsSubjectTheFilterValue()
    {
        var client = new RecordingServiceBusClient();
        await using var publisher = new ServiceBusEventPublisher(client, "citizen-events");
        var granted = Granted("corr-2");
        await publisher.PublishAsync([granted.ToEnvelope(null)], default);
        var sent = Assert.Single(client.SentTo("citizen-events"));

        // What a subscription's receiver gets from the broker for that message.
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            correlationId: sent.CorrelationId,
            subject: sent.Subject,
            contentType: sent.ContentType,
            properties: sent.ApplicationProperties,
            deliveryCount: 1);

        Assert.True(EventEnvelope.TryParse(received.Body.ToMemory().Span, out var envelope, out var error), error);
        Assert.Equal(granted.EventId.ToString(), received.MessageId);
        Assert.Equal(envelope!.Type, received.Subject);
        Assert.Equal(envelope.CorrelationId, received.CorrelationId);
        Assert.Equal(envelope.SchemaVersion, received.ApplicationProperties[EventMessages.SchemaVersionProperty]);
        Assert.Equal(KariMother, envelope.Subject);
    }

    private static DomainEvent Granted(string? correlationId) => DomainEvent.Create(
        EventTypes.FullmaktGranted, KariMother,
        new FullmaktGranted(Guid.NewGuid(), KariMother, OlaFather, ["appointments"], new DateOnly(2026, 3, 2), null),
        TimeProvider.System, correlationId);

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9]{11}(?![0-9A-Za-z])")]
    private static partial Regex StandaloneElevenDigits();
}
