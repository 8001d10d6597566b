using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Events;

namespace CitizenServices.Functions.Nettlege;

/// <summary>
/// Function <c>FastlegeInformer</c>, a Service Bus trigger on <c>citizen-events/fastlege</c>: after a completed nettlege
/// consultation, sends the message for the citizen's regular GP to queue <c>fastlege-outbound</c> (output
/// <c>messages</c>). Other events are ignored.
/// </summary>
public sealed class RegularGpInformerFunction(InformRegularGpHandler handler, ILogger<RegularGpInformerFunction> logger) : IInvokedFunction
{
    public const string MessagesOutput = "messages";

    public static string Name => "FastlegeInformer";

    public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        EventConsumers.ConsumeAsync(request, handler.HandleAsync, information => information.Messages, MessagesOutput, Log, cancellationToken);

    private void Log(ServiceBusMessage message, ConsumeResult<RegularGpInformation> result)
    {
        if (result.Envelope?.Type != EventTypes.NettlegeConsultationCompleted && result.Outcome == ConsumeOutcome.Handled)
        {
            return;
        }

        EventConsumers.Log(logger, Name, message, result);
        if (result.Value.NotSentReason is { } reason)
        {
            // Not a fault: the consultation stays stored; an operator can see why no GP was informed.
            logger.LogWarning("{Function}: no message to the regular GP for event {EventId}: {Reason}", Name, result.Envelope?.EventId, reason);
        }
    }
}
