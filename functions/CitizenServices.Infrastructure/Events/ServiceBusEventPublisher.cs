using Azure.Messaging.ServiceBus;

namespace CitizenServices.Infrastructure.Events;

/// <summary>
/// Publishes to Azure Service Bus with the SDK: one <see cref="ServiceBusClient"/> per process (the app's managed
/// identity, the namespace the bindings use), one cached sender per entity, and size-bounded batches, each sent as one
/// AMQP transfer.
/// </summary>
/// <param name="ownsClient">Dispose <paramref name="client"/> with this publisher (the app's one client per process).</param>
public sealed class ServiceBusEventPublisher(ServiceBusClient client, string topic, bool ownsClient = false) : IEventPublisher, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count == 0)
        {
            return;
        }

        var sender = _senders.GetOrAdd(topic, client.CreateSender);
        var next = 0;
        while (next < envelopes.Count)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            while (next < envelopes.Count && batch.TryAddMessage(ToMessage(envelopes[next])))
            {
                next++;
            }

            if (batch.Count == 0)
            {
                // Larger than a whole batch may be: no retry will make it fit. The row stays, and the sweep's gauge shows it.
                throw new InvalidOperationException(
                    $"Event {envelopes[next].EventId} ({envelopes[next].Type}) is larger than a Service Bus batch allows ({batch.MaxSizeInBytes} bytes).");
            }

            // A batch is one transfer: in order, accepted whole or not at all. A later batch failing leaves the earlier
            // ones sent; the caller then sends all again and duplicate detection drops the repeats.
            await sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    /// <summary>The message for one event; see <see cref="EventMessages"/> for what each property is for.</summary>
    public static ServiceBusMessage ToMessage(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new ServiceBusMessage(envelope.ToUtf8Json())
        {
            MessageId = EventMessages.MessageId(envelope),
            Subject = EventMessages.Subject(envelope),
            CorrelationId = EventMessages.CorrelationId(envelope),
            ContentType = EventMessages.ContentType,
            ApplicationProperties = { [EventMessages.SchemaVersionProperty] = envelope.SchemaVersion },
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }

        _senders.Clear();
        if (ownsClient)
        {
            await client.DisposeAsync();
        }
    }
}
