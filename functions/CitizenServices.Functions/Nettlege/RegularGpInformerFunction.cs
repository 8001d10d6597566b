using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Events;
using CitizenServices.Functions.Invocation;

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

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage();
        var result = await handler.HandleAsync(EventLogging.Received(message), cancellationToken);
        if (result.Envelope?.Type != EventTypes.NettlegeConsultationCompleted && result.Outcome == Application.Events.ConsumeOutcome.Handled)
        {
            return new InvocationResponse();
        }

        EventLogging.Log(logger, Name, message, result.Outcome, result.Envelope, result.ParkedReason);
        if (result.Value.NotSentReason is { } reason)
        {
            // Not a fault: the consultation stays stored; an operator can see why no GP was informed.
            logger.LogWarning("{Function}: no message to the regular GP for event {EventId}: {Reason}", Name, result.Envelope?.EventId, reason);
        }

        var response = new InvocationResponse(EventEnvelope.SerializerOptions);
        if (result.Value.Messages.Count > 0)
        {
            response.AddOutput(MessagesOutput, result.Value.Messages);
        }

        return response;
    }
}
