using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Events;

/// <summary>
/// Timer: publishes due outbox events to topic <c>citizen-events</c> (output <c>events</c>, one message per envelope).
/// The rows are marked relayed before this returns; if the host then fails to send, they are relayed again after the
/// redelivery timeout.
/// </summary>
public sealed class OutboxRelayFunction(IOutboxRelay relay, ILogger<OutboxRelayFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "OutboxRelay";
    public const string TimerBinding = "timer";
    public const string EventsOutput = "events";

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer(TimerBinding);
        var envelopes = await relay.TakeDueAsync(cancellationToken);
        var response = new InvocationResponse(EventEnvelope.SerializerOptions);
        if (envelopes.Count > 0)
        {
            response.AddOutput(EventsOutput, envelopes);
            logger.LogInformation("Relayed {Count} event(s){PastDue}", envelopes.Count, timer.IsPastDue ? " (past due)" : string.Empty);
        }

        return response;
    }
}

/// <summary>Service Bus trigger on <c>citizen-events/outbox-confirm</c>: deletes the delivered event's outbox row.</summary>
public sealed class OutboxConfirmFunction(ConfirmDeliveryHandler handler, ILogger<OutboxConfirmFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "OutboxConfirm";
    public const string TriggerBinding = "message";

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage(TriggerBinding);
        var result = await handler.HandleAsync(EventLogging.Received(message), cancellationToken);
        EventLogging.Log(logger, FunctionName, message, result.Outcome, result.Envelope, result.ParkedReason);
        return new InvocationResponse();
    }
}

/// <summary>
/// Service Bus trigger on <c>citizen-events/notifications</c>: sends notification requests to queue
/// <c>notifications-outbound</c> (output <c>notifications</c>).
/// </summary>
public sealed class NotifierFunction(NotifyHandler handler, ILogger<NotifierFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "Notifier";
    public const string TriggerBinding = "message";
    public const string NotificationsOutput = "notifications";

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage(TriggerBinding);
        var result = await handler.HandleAsync(EventLogging.Received(message), cancellationToken);
        EventLogging.Log(logger, FunctionName, message, result.Outcome, result.Envelope, result.ParkedReason);
        var response = new InvocationResponse(EventEnvelope.SerializerOptions);
        if (result.Value.Count > 0)
        {
            response.AddOutput(NotificationsOutput, result.Value);
        }

        return response;
    }
}

internal static class EventLogging
{
    public static ReceivedEvent Received(ServiceBusMessage message) =>
        new(message.Body.ToMemory(), message.MessageId, message.DeliveryCount);

    /// <summary>A parked message: the reason names fields, never their values.</summary>
    public static void LogParked(ILogger logger, string function, ServiceBusMessage message, string? reason) =>
        logger.LogWarning(
            "{Function} parked message {MessageId} (delivery {DeliveryCount}): {Reason}",
            function, message.MessageId, message.DeliveryCount, reason);

    public static void Log(
        ILogger logger, string function, ServiceBusMessage message, ConsumeOutcome outcome, EventEnvelope? envelope, string? parkedReason)
    {
        if (outcome == ConsumeOutcome.Parked)
        {
            LogParked(logger, function, message, parkedReason);
            return;
        }

        // The subject is masked by its ToString.
        logger.LogInformation(
            "{Function}: event {EventId} ({EventType}) for {Subject}: {Outcome}",
            function, envelope?.EventId, envelope?.Type, envelope?.Subject, outcome);
    }
}
