using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace CitizenServices.Testing;

/// <summary>
/// Service Bus for tests, through the SDK's own test seams: <see cref="ServiceBusClient"/> and
/// <see cref="ServiceBusSender"/> have protected constructors and virtual members for exactly this, and
/// <see cref="ServiceBusModelFactory.ServiceBusMessageBatch"/> makes a batch backed by a list. The code under test runs
/// unchanged (batches, TryAddMessage, SendMessagesAsync); what the broker would have accepted is in <see cref="Sent"/>.
/// </summary>
public sealed class RecordingServiceBusClient : ServiceBusClient
{
    private readonly ConcurrentDictionary<string, RecordingServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <summary>Every accepted message, in order of acceptance, with the entity it went to.</summary>
    public ConcurrentQueue<(string Entity, ServiceBusMessage Message)> Sent { get; } = new();

    /// <summary>Number of sends to fail (with <see cref="ServiceBusFailureReason.ServiceBusy"/>) before sending works again.</summary>
    public int FailNextSends
    {
        get => Volatile.Read(ref _failNextSends);
        set => Volatile.Write(ref _failNextSends, value);
    }

    private int _failNextSends;

    /// <summary>A batch reports itself full after this many messages (the real one counts bytes).</summary>
    public int MessagesPerBatch { get; set; } = 100;

    /// <summary>How often each entity's sender was created: the publisher must cache one per entity.</summary>
    public ConcurrentDictionary<string, int> SendersCreated { get; } = new(StringComparer.Ordinal);

    public override ServiceBusSender CreateSender(string queueOrTopicName)
    {
        SendersCreated.AddOrUpdate(queueOrTopicName, 1, (_, n) => n + 1);
        return _senders.GetOrAdd(queueOrTopicName, name => new RecordingServiceBusSender(this, name));
    }

    public IReadOnlyList<ServiceBusMessage> SentTo(string entity) => Sent.Where(s => s.Entity == entity).Select(s => s.Message).ToList();

    internal bool ShouldFail()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNextSends);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNextSends, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}

public sealed class RecordingServiceBusSender : ServiceBusSender
{
    private readonly RecordingServiceBusClient _client;
    private readonly string _entity;
    private readonly ConcurrentDictionary<ServiceBusMessageBatch, List<ServiceBusMessage>> _batches = new();

    internal RecordingServiceBusSender(RecordingServiceBusClient client, string entity)
    {
        _client = client;
        _entity = entity;
    }

    public override string EntityPath => _entity;

    public override ValueTask<ServiceBusMessageBatch> CreateMessageBatchAsync(CancellationToken cancellationToken = default)
    {
        var store = new List<ServiceBusMessage>();
        var batch = ServiceBusModelFactory.ServiceBusMessageBatch(
            256 * 1024, store, new CreateMessageBatchOptions(), message => store.Count < _client.MessagesPerBatch);
        _batches[batch] = store;
        return ValueTask.FromResult(batch);
    }

    public override Task SendMessagesAsync(ServiceBusMessageBatch messageBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageBatch);
        cancellationToken.ThrowIfCancellationRequested();
        if (_client.ShouldFail())
        {
            throw new ServiceBusException("The broker is busy (injected).", ServiceBusFailureReason.ServiceBusy);
        }

        _batches.TryRemove(messageBatch, out var messages);
        foreach (var message in messages ?? [])
        {
            _client.Sent.Enqueue((_entity, message));
        }

        return Task.CompletedTask;
    }

    // Nothing to close: the base class would try to close an AMQP link this test double never opened.
#pragma warning disable CA2215
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
#pragma warning restore CA2215
}
