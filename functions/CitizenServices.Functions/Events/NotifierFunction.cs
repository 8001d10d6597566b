namespace CitizenServices.Functions.Events;

/// <summary>
/// Service Bus trigger on <c>citizen-events/notifications</c>: sends notification requests to queue
/// <c>notifications-outbound</c> (output <c>notifications</c>).
/// </summary>
public sealed class NotifierFunction(NotifyHandler handler, ILogger<NotifierFunction> logger) : IInvokedFunction
{
    public const string NotificationsOutput = "notifications";

    public static string Name => "Notifier";

    public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken) =>
        EventConsumers.ConsumeAsync(
            request, handler.HandleAsync, requests => requests, NotificationsOutput,
            (message, result) => EventConsumers.Log(logger, Name, message, result), cancellationToken);
}
