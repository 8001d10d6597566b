using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Publishes to the LocalHost's Service Bus stand-in with the same messages as <see cref="ServiceBusEventPublisher"/>,
/// in the format of the Service Bus REST API's "Send Message Batch": <c>POST {base}/{topic}/messages</c>, content type
/// <c>application/vnd.microsoft.servicebus.json</c>, a JSON array of <c>{ Body, BrokerProperties, UserProperties }</c>
/// (<c>Label</c> is the REST name of the subject). The stand-in answers 201 once every message is stored.
/// </summary>
public sealed class LocalBusEventPublisher(HttpClient http, Uri baseUri, string topic) : IEventPublisher
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count == 0)
        {
            return;
        }

        var batch = new JsonArray();
        foreach (var envelope in envelopes)
        {
            batch.Add(new JsonObject
            {
                ["Body"] = Encoding.UTF8.GetString(envelope.ToUtf8Json()),
                ["BrokerProperties"] = new JsonObject
                {
                    ["MessageId"] = EventMessages.MessageId(envelope),
                    ["Label"] = EventMessages.Subject(envelope),
                    ["CorrelationId"] = EventMessages.CorrelationId(envelope),
                    ["ContentType"] = EventMessages.ContentType,
                },
                ["UserProperties"] = new JsonObject { [EventMessages.SchemaVersionProperty] = envelope.SchemaVersion },
            });
        }

        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(batch));
        content.Headers.ContentType = new MediaTypeHeaderValue(BatchContentType);
        var uri = new Uri(baseUri, $"{Uri.EscapeDataString(topic)}/messages");
        using var response = await http.PostAsync(uri, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The Service Bus stand-in refused {envelopes.Count} message(s) for {topic}: {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}

/// <summary>
/// No Service Bus namespace and no stand-in configured (the in-process test host): nothing is sent, every row stays in
/// the outbox, exactly as if the broker were down.
/// </summary>
public sealed class UnconfiguredEventPublisher : IEventPublisher
{
    public Task PublishAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            "No event publisher is configured: set ServiceBusConnection__fullyQualifiedNamespace, or Events__Publisher__LocalBusUri.");
}
