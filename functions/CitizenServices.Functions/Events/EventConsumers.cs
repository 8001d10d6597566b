using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Events;

/// <summary>How the message consumers read a delivery and log what they did with it.</summary>
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
