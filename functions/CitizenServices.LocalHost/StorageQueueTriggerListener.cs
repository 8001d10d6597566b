using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace CitizenServices.LocalHost;

/// <summary>
/// One queueTrigger on a real Azure Storage queue, settled like the storage extension: delete on success,
/// retry on failure, move to <c>{queue}-poison</c> after 5 dequeues (the extension's default maxDequeueCount).
/// </summary>
internal sealed class StorageQueueTriggerListener(
    FunctionDefinition function,
    QueueServiceClient storageQueues,
    HandlerClient handler,
    OutputRouter outputs,
    LocalHostOptions options,
    TimeSpan lockDuration,
    ILogger logger)
{
    private const int MaxDequeueCount = 5;

    private readonly BindingDefinition _trigger = function.Trigger;

    public async Task RunAsync(CancellationToken stopping)
    {
        var queueName = _trigger.GetString("queueName")!;
        var queue = storageQueues.GetQueueClient(queueName);
        var poison = storageQueues.GetQueueClient(queueName + "-poison");
        var created = false;
        logger.LogInformation("{Function} listens on storage queue {Queue}", function.Name, queueName);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, lockDuration, stopping);
                if (messages.Length == 0)
                {
                    await Task.Delay(options.QueuePollInterval, stopping);
                    continue;
                }

                await Task.WhenAll(messages.Select(m => ProcessAsync(queue, poison, m, stopping)));
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
                logger.LogError(ex, "{Function}: receiving from {Queue} failed; retrying", function.Name, queueName);
                await Task.Delay(options.QueuePollInterval, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stopping)
    {
        var body = message.Body.ToArray();
        var data = new JsonObject
        {
            [_trigger.Name] = _trigger.IsBinary ? Convert.ToBase64String(body) : Payloads.Quoted(Encoding.UTF8.GetString(body)),
        };
        var metadata = new JsonObject
        {
            ["Id"] = Payloads.Quoted(message.MessageId),
            ["DequeueCount"] = Payloads.Number(message.DequeueCount),
            ["PopReceipt"] = Payloads.Quoted(message.PopReceipt),
        };
        if (message.InsertedOn is { } inserted)
        {
            metadata["InsertionTime"] = Payloads.HostDateTimeOffset(inserted);
        }

        if (message.ExpiresOn is { } expires)
        {
            metadata["ExpirationTime"] = Payloads.HostDateTimeOffset(expires);
        }

        Payloads.PromoteBodyProperties(metadata, body);
        metadata["sys"] = Payloads.Sys(function.Name);

        InvocationResult result;
        try
        {
            result = await handler.InvokeAsync(function.Name, data, metadata, stopping);
            if (result.Succeeded)
            {
                await outputs.RouteAsync(function, result, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException)
        {
            result = InvocationResult.Failed(null, ex.Message);
        }

        if (result.Succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        else if (message.DequeueCount >= MaxDequeueCount)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            logger.LogWarning("{Function}: message {MessageId} moved to {Poison}", function.Name, message.MessageId, poison.Name);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.RetryDelay, cancellationToken: CancellationToken.None);
        }
    }
}
