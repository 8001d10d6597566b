using CitizenServices.Application.CareRelations.Inbox;

namespace CitizenServices.Functions.CareRelations;

/// <summary>
/// Service Bus trigger on queue <c>care-relations-inbound</c>: commands from child welfare case systems. A command that
/// cannot be applied is parked and answered with <c>care-relation-command.rejected</c> through the outbox, and
/// acknowledged (2xx); only infrastructure faults fail the invocation, so Service Bus redelivers.
/// </summary>
public sealed class CareRelationsInboxFunction(ReceiveCareRelationCommandHandler handler, ILogger<CareRelationsInboxFunction> logger) : IInvokedFunction
{
    public static string Name => "CareRelationsInbox";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage();
        var body = message.Body.ToMemory();
        var result = await handler.HandleAsync(
            new ReceivedCareRelationCommand(
                body, message.MessageId, message.DeliveryCount, message.CorrelationId, CareRelationCommandReader.ReadMessage(body)),
            cancellationToken);
        if (result.Outcome == CareRelationInboxOutcome.Rejected)
        {
            Events.EventConsumers.LogParked(logger, Name, message, $"{result.Error!.Code} ({result.Error.Field}); reply sent: {result.Replied}");
        }
        else
        {
            // The ids are the case system's and ours and carry no personal data.
            logger.LogInformation("{Function}: command {CommandId} on care relation {RelationId}: {Outcome}",
                Name, result.CommandId, result.Relation?.Id, result.Outcome);
        }

        return new InvocationResponse();
    }
}
