using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Events;

/// <summary>
/// Timer (<c>%OutboxSweepSchedule%</c>, once a minute by default): sends the outbox events that the dispatch right after
/// their commit did not (a crash, a failed or timed-out send, a failed delete). It sends with the SDK itself, so it has
/// no output binding and its own outcome does not decide whether anything is published.
/// </summary>
public sealed class OutboxSweepFunction(IOutboxSweep sweep, ILogger<OutboxSweepFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "OutboxSweep";
    public const string TimerBinding = "timer";

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer(TimerBinding);
        var result = await sweep.SweepAsync(cancellationToken);
        if (timer.IsPastDue)
        {
            logger.LogInformation("Outbox sweep ran past due: {Partitions} partition(s), {Published} event(s) sent", result.Partitions, result.Published);
        }

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
