namespace CitizenServices.Functions.Events;

/// <summary>
/// Timer (<c>%OutboxSweepSchedule%</c>, once a minute by default): sends the outbox events that the dispatch right after
/// their commit did not (a crash, a failed or timed-out send, a failed delete). It sends with the SDK itself, so it has
/// no output binding and its own outcome does not decide whether anything is published.
/// </summary>
public sealed class OutboxSweepFunction(IOutboxSweep sweep, ILogger<OutboxSweepFunction> logger) : IInvokedFunction
{
    public static string Name => "OutboxSweep";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer();
        var result = await sweep.SweepAsync(cancellationToken);
        if (timer.IsPastDue)
        {
            logger.LogInformation("Outbox sweep ran past due: {Partitions} partition(s), {Published} event(s) sent", result.Partitions, result.Published);
        }

        return new InvocationResponse();
    }
}
