namespace CitizenServices.Functions.AccessLog;

/// <summary>
/// Timer (hourly, <c>functions/definitions/AccessLogAnchor</c>): anchors the heads of the access-log chains that changed
/// since the previous run (with ten minutes' overlap for clock skew), so a rewrite of the table is caught from the next
/// hour on.
/// </summary>
public sealed class AccessLogAnchorFunction(AccessLogAnchoring anchoring, TimeProvider time, ILogger<AccessLogAnchorFunction> logger) : IInvokedFunction
{
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    public static string Name => "AccessLogAnchor";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer();
        var previous = timer.ScheduleStatus?.Last ?? time.GetUtcNow().AddHours(-1);
        var run = await anchoring.AnchorAsync(previous - Overlap, cancellationToken);
        if (run.Heads > 0)
        {
            logger.LogInformation(
                "Access-log anchors: {Anchored} written, {Already} already anchored, {Unreadable} unreadable heads.",
                run.Anchored, run.AlreadyAnchored, run.Unreadable);
        }

        return new InvocationResponse();
    }
}
