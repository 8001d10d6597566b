using CitizenServices.Application.Events;
using CitizenServices.Domain.Events;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Events;

/// <summary>
/// Service Bus trigger on <c>citizen-events/notifications</c>: sends notification requests to queue
/// <c>notifications-outbound</c> (output <c>notifications</c>).
/// </summary>
public sealed class NotifierFunction(NotifyHandler handler, ILogger<NotifierFunction> logger) : IInvokedFunction
{
    public const string NotificationsOutput = "notifications";

    public static string Name => "Notifier";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = request.ReadServiceBusMessage();
        var result = await handler.HandleAsync(EventLogging.Received(message), cancellationToken);
        EventLogging.Log(logger, Name, message, result.Outcome, result.Envelope, result.ParkedReason);
        var response = new InvocationResponse(EventEnvelope.SerializerOptions);
        if (result.Value.Count > 0)
        {
            response.AddOutput(NotificationsOutput, result.Value);
        }

        return response;
    }
}
