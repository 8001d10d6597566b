using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace CitizenServices.LocalHost;

/// <summary>
/// One serviceBusTrigger: receives from the entity's storage queue (the queue's visibility timeout plays the
/// message lock), invokes the function, and settles like Service Bus: complete on success, abandon (visible again
/// after the retry delay, DeliveryCount + 1) on failure, dead-letter once DeliveryCount reaches MaxDeliveryCount.
/// </summary>
internal sealed class ServiceBusTriggerListener(
    FunctionDefinition function,
    LocalServiceBus serviceBus,
    HandlerClient handler,
    OutputRouter outputs,
    LocalHostOptions options,
    TimeSpan lockDuration,
    int maxConcurrentCalls,
    ILogger logger)
{
    private readonly BindingDefinition _trigger = function.Trigger;

    public string Entity => _trigger.GetString("queueName")
        ?? ServiceBusQueueNames.SubscriptionPath(_trigger.GetString("topicName")!, _trigger.GetString("subscriptionName")!);

    public string StorageQueueName => _trigger.GetString("queueName") is { } queue
        ? ServiceBusQueueNames.ForQueue(queue)
        : ServiceBusQueueNames.ForSubscription(_trigger.GetString("topicName")!, _trigger.GetString("subscriptionName")!);

    public int MaxDeliveryCount => options.MaxDeliveryCounts.TryGetValue(Entity, out var count) ? count : options.DefaultMaxDeliveryCount;

    public async Task RunAsync(CancellationToken stopping)
    {
        QueueClient? queue = null;
        logger.LogInformation(
            "{Function} listens on {Entity} (storage queue {StorageQueue}, max delivery count {Max})",
            function.Name, Entity, StorageQueueName, MaxDeliveryCount);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                queue ??= await serviceBus.GetQueueAsync(StorageQueueName, stopping);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxConcurrentCalls, lockDuration, stopping);
                if (messages.Length == 0)
                {
                    await Task.Delay(options.QueuePollInterval, stopping);
                    continue;
                }

                await Task.WhenAll(messages.Select(m => ProcessAsync(queue, m, stopping)));
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Shutting down. Cancelling a receive in flight does not always surface as a cancellation (HttpClient can
                // fail the chunked read with another exception). A message the receive took becomes visible again when its
                // lock expires and is delivered on the next start, as with Service Bus.
                return;
            }
            catch (Exception ex)
            {
                // A listener must outlive storage hiccups and its own bugs, as the host's listeners do.
                logger.LogError(ex, "{Function}: receiving from {StorageQueue} failed; retrying", function.Name, StorageQueueName);
                await Task.Delay(options.QueuePollInterval, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueMessage received, CancellationToken stopping)
    {
        var deliveryCount = (int)received.DequeueCount;
        var envelope = ServiceBusEnvelope.Parse(received.MessageText, received.MessageId, received.InsertedOn ?? DateTimeOffset.UtcNow);
        var popReceipt = received.PopReceipt;

        // A message whose lock expired while the LocalHost was down can exceed the limit without a failed invocation.
        if (deliveryCount > MaxDeliveryCount)
        {
            await DeadLetterAsync(queue, received.MessageId, popReceipt, envelope, deliveryCount,
                $"Message could not be consumed after {MaxDeliveryCount} delivery attempts.");
            return;
        }

        InvocationResult result;
        try
        {
            var (data, metadata) = Payloads.ServiceBus(function.Name, _trigger, envelope, deliveryCount, popReceipt);
            result = await handler.InvokeAsync(function.Name, data, metadata, stopping);
            if (result.Succeeded)
            {
                await outputs.RouteAsync(function, result, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: abandon, so the message is delivered again on the next start.
            await TryAbandonAsync(queue, received.MessageId, popReceipt, TimeSpan.Zero);
            return;
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException)
        {
            logger.LogError(ex, "{Function}: sending outputs for message {MessageId} failed", function.Name, envelope.MessageId);
            result = InvocationResult.Failed(null, $"Output binding failed: {ex.Message}");
        }

        if (result.Succeeded)
        {
            await queue.DeleteMessageAsync(received.MessageId, popReceipt, CancellationToken.None);
            return;
        }

        if (deliveryCount >= MaxDeliveryCount)
        {
            await DeadLetterAsync(queue, received.MessageId, popReceipt, envelope, deliveryCount,
                $"Message could not be consumed after {deliveryCount} delivery attempts. Last failure: {result.Error}");
            return;
        }

        logger.LogWarning(
            "{Function}: message {MessageId} failed on delivery {DeliveryCount} of {Max}; retrying in {Delay}",
            function.Name, envelope.MessageId, deliveryCount, MaxDeliveryCount, options.RetryDelay);
        await TryAbandonAsync(queue, received.MessageId, popReceipt, options.RetryDelay);
    }

    private async Task DeadLetterAsync(
        QueueClient queue, string storageMessageId, string popReceipt, ServiceBusEnvelope envelope, int deliveryCount, string description)
    {
        await serviceBus.DeadLetterAsync(
            StorageQueueName, Entity, envelope, deliveryCount, "MaxDeliveryCountExceeded", description, CancellationToken.None);
        await queue.DeleteMessageAsync(storageMessageId, popReceipt, CancellationToken.None);
    }

    private async Task TryAbandonAsync(QueueClient queue, string storageMessageId, string popReceipt, TimeSpan delay)
    {
        try
        {
            await queue.UpdateMessageAsync(storageMessageId, popReceipt, visibilityTimeout: delay, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            // The lock (visibility timeout) already lapsed; the message is visible again anyway.
            logger.LogWarning(ex, "{Function}: could not abandon message {MessageId}", function.Name, storageMessageId);
        }
    }
}
