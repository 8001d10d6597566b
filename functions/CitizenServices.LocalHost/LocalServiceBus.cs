using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenServices.LocalHost;

/// <summary>
/// Service Bus stand-in on Azure Storage queues: a queue is one storage queue, a topic is one storage queue per
/// subscription, and every entity has its own dead-letter queue (names: <see cref="ServiceBusQueueNames"/>).
/// </summary>
public sealed class LocalServiceBus
{
    // Storage queues cap a message at 64 KiB; the envelope must fit, so fail the send loudly instead of truncating.
    private const int MaxEnvelopeChars = 64 * 1024;

    private readonly QueueServiceClient _service;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<TopicSubscription> _subscriptions;
    private readonly ServiceBusTopicRules _rules;
    private long _sequence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <param name="rules">Duplicate detection and subscription filters of the topics; none when null.</param>
    public LocalServiceBus(
        string storageConnectionString, IEnumerable<TopicSubscription> subscriptions, ILogger? logger = null, ServiceBusTopicRules? rules = null)
    {
        _service = new QueueServiceClient(storageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        _subscriptions = subscriptions.Distinct().ToArray();
        _logger = logger ?? NullLogger.Instance;
        _rules = rules ?? ServiceBusTopicRules.None;
    }

    /// <summary>Every subscription a topic message fans out to.</summary>
    public IReadOnlyList<TopicSubscription> Subscriptions => _subscriptions;

    public Task SendToQueueAsync(string queueName, LocalServiceBusMessage message, CancellationToken cancellationToken = default) =>
        SendToStorageQueueAsync(ServiceBusQueueNames.ForQueue(queueName), queueName, message, cancellationToken);

    /// <summary>
    /// Sends one copy to every known subscription of <paramref name="topicName"/> whose filter matches the subject; a
    /// message whose MessageId the topic accepted within its duplicate detection window is dropped, and so is one no
    /// subscription takes, both as on Service Bus (the send still succeeds).
    /// </summary>
    public async Task SendToTopicAsync(string topicName, LocalServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageId = message.MessageId ?? Guid.NewGuid().ToString("N");
        if (!_rules.TryAccept(topicName, messageId))
        {
            _logger.LogInformation("Topic {Topic} dropped message {MessageId}: a duplicate within the detection window", topicName, messageId);
            return;
        }

        var targets = _subscriptions
            .Where(s => string.Equals(s.Topic, topicName, StringComparison.OrdinalIgnoreCase) && _rules.Matches(s.Topic, s.Subscription, message.Subject))
            .ToList();
        if (targets.Count == 0)
        {
            _logger.LogDebug("No subscription of topic {Topic} takes message {MessageId} ({Subject}); it is dropped", topicName, messageId, message.Subject);
            return;
        }

        try
        {
            foreach (var subscription in targets)
            {
                await SendToStorageQueueAsync(
                    ServiceBusQueueNames.ForSubscription(subscription.Topic, subscription.Subscription),
                    subscription.EntityPath,
                    message with { MessageId = messageId },
                    cancellationToken);
            }
        }
        catch
        {
            // Not accepted as a whole: a retry with the same MessageId must not be taken for a duplicate.
            _rules.Forget(topicName, messageId);
            throw;
        }
    }

    /// <summary>Reads up to 32 messages of a stand-in storage queue (e.g. a dead-letter queue) without removing them.</summary>
    public async Task<IReadOnlyList<ServiceBusEnvelope>> PeekAsync(string storageQueueName, CancellationToken cancellationToken = default)
    {
        var queue = await GetQueueAsync(storageQueueName, cancellationToken);
        PeekedMessage[] peeked = await queue.PeekMessagesAsync(32, cancellationToken);
        return peeked.Select(m => ServiceBusEnvelope.Parse(m.MessageText, m.MessageId, m.InsertedOn ?? DateTimeOffset.UtcNow)).ToList();
    }

    internal async Task<QueueClient> GetQueueAsync(string storageQueueName, CancellationToken cancellationToken)
    {
        var creation = _queues.GetOrAdd(storageQueueName, name => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = _service.GetQueueClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return client;
        }));
        try
        {
            return await creation.Value.WaitAsync(cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Do not cache the failure: storage may be back on the next attempt.
            _queues.TryRemove(KeyValuePair.Create(storageQueueName, creation));
            throw;
        }
    }

    internal async Task DeadLetterAsync(
        string storageQueueName,
        string entity,
        ServiceBusEnvelope envelope,
        int deliveryCount,
        string reason,
        string description,
        CancellationToken cancellationToken)
    {
        envelope.DeadLetterReason = reason;
        envelope.DeadLetterErrorDescription = description;
        envelope.DeadLetterSource = entity;
        envelope.DeliveryCount = deliveryCount;
        var deadLetters = await GetQueueAsync(ServiceBusQueueNames.DeadLetterOf(storageQueueName), cancellationToken);
        await deadLetters.SendMessageAsync(envelope.ToJson(), cancellationToken: cancellationToken, timeToLive: TimeSpan.FromSeconds(-1));
        _logger.LogWarning(
            "Dead-lettered message {MessageId} from {Entity} after {DeliveryCount} deliveries: {Reason}",
            envelope.MessageId, entity, deliveryCount, reason);
    }

    private async Task SendToStorageQueueAsync(string storageQueueName, string entity, LocalServiceBusMessage message, CancellationToken cancellationToken)
    {
        var envelope = new ServiceBusEnvelope
        {
            Body = message.Body.ToArray(),
            MessageId = message.MessageId ?? Guid.NewGuid().ToString("N"),
            CorrelationId = message.CorrelationId,
            ContentType = message.ContentType,
            Subject = message.Subject,
            ApplicationProperties = (message.ApplicationProperties ?? new Dictionary<string, object?>())
                .ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal),
            EnqueuedTimeUtc = DateTimeOffset.UtcNow,
            SequenceNumber = Interlocked.Increment(ref _sequence),
        };
        var text = envelope.ToJson();
        if (text.Length > MaxEnvelopeChars)
        {
            throw new InvalidOperationException(
                $"Message {envelope.MessageId} for {entity} is {envelope.Body.Length} bytes; the storage-queue stand-in holds bodies up to about 45 KiB.");
        }

        var queue = await GetQueueAsync(storageQueueName, cancellationToken);
        try
        {
            // A negative time-to-live means "never expires", as Service Bus's default TTL is effectively infinite.
            await queue.SendMessageAsync(text, cancellationToken: cancellationToken, timeToLive: TimeSpan.FromSeconds(-1));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _queues.TryRemove(storageQueueName, out _);
            queue = await GetQueueAsync(storageQueueName, cancellationToken);
            await queue.SendMessageAsync(text, cancellationToken: cancellationToken, timeToLive: TimeSpan.FromSeconds(-1));
        }

        _logger.LogDebug("Sent message {MessageId} to {Entity} ({StorageQueue})", envelope.MessageId, entity, storageQueueName);
    }
}
