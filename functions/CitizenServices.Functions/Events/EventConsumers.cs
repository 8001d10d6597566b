using CitizenServices.Domain.Events;

namespace CitizenServices.Functions.Events;

/// <summary>What the functions that consume <c>citizen-events</c> share: the steps of a delivery and how they are logged.</summary>
internal static class EventConsumers
{
    /// <summary>
    /// Reads the delivery, hands it to <paramref name="handle"/>, has <paramref name="log"/> say what was done, and answers
    /// with <paramref name="messages"/> of the result on output <paramref name="output"/> (none when there are none).
    /// </summary>
    public static async Task<InvocationResponse> ConsumeAsync<T, TMessage>(
        InvocationRequest request,
        Func<ReceivedEvent, CancellationToken, Task<ConsumeResult<T>>> handle,
        Func<T, IReadOnlyList<TMessage>> messages,
        string output,
        Action<ServiceBusMessage, ConsumeResult<T>> log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage();
        var result = await handle(Received(message), cancellationToken);
        log(message, result);
        var response = new InvocationResponse(EventEnvelope.SerializerOptions);
        var outgoing = messages(result.Value);
        if (outgoing.Count > 0)
        {
            response.AddOutput(output, outgoing);
        }

        return response;
    }

    public static ReceivedEvent Received(ServiceBusMessage message) =>
        new(message.Body.ToMemory(), message.MessageId, message.DeliveryCount);

    /// <summary>A parked message: the reason names fields, never their values.</summary>
    public static void LogParked(ILogger logger, string function, ServiceBusMessage message, string? reason) =>
        logger.LogWarning(
            "{Function} parked message {MessageId} (delivery {DeliveryCount}): {Reason}",
            function, message.MessageId, message.DeliveryCount, reason);

    public static void Log<T>(ILogger logger, string function, ServiceBusMessage message, ConsumeResult<T> result)
    {
        if (result.Outcome == ConsumeOutcome.Parked)
        {
            LogParked(logger, function, message, result.ParkedReason);
            return;
        }

        // The subject is masked by its ToString.
        logger.LogInformation(
            "{Function}: event {EventId} ({EventType}) for {Subject}: {Outcome}",
            function, result.Envelope?.EventId, result.Envelope?.Type, result.Envelope?.Subject, result.Outcome);
    }
}
