using CitizenServices.Application.Guardianship.Apply;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Guardianship;

/// <summary>
/// Service Bus trigger on queue <c>guardianship-inbound</c>: applies a change from the population register's guardianship
/// feed. Invalid input is parked and acknowledged (2xx); only infrastructure faults fail the invocation, so Service Bus
/// redelivers. The event leaves through the outbox, so the function has no output binding.
/// </summary>
public sealed class GuardianshipInboxFunction(ApplyGuardianshipChangeHandler handler, ILogger<GuardianshipInboxFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "GuardianshipInbox";
    public const string TriggerBinding = "message";

    public static string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage(TriggerBinding);
        var result = await handler.HandleAsync(
            new ReceivedGuardianshipChange(message.Body.ToMemory(), message.MessageId, message.DeliveryCount, message.CorrelationId),
            cancellationToken);
        if (result.Outcome == GuardianshipApplyOutcome.Parked)
        {
            Events.EventLogging.LogParked(logger, FunctionName, message, result.ParkedReason);
        }
        else
        {
            // The ward's number masks itself; the ids are the register's and carry no personal data.
            logger.LogInformation("{Function}: change {ChangeId} ({Kind}) of guardianship {GuardianshipId} for {Ward}: {Outcome}",
                FunctionName, result.Message!.ChangeId, result.Message.Kind, result.Message.GuardianshipId, result.Message.Ward, result.Outcome);
        }

        return new InvocationResponse();
    }
}
