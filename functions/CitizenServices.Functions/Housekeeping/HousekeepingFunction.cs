using CitizenServices.Application.Booking.Reminders;
using CitizenServices.Application.Fullmakt.ExpiryNotices;
using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.Housekeeping;

/// <summary>
/// Timer (hourly, <c>functions/definitions/Housekeeping</c>): sends the due "expiring soon" fullmakt notices and the
/// appointment reminders (24 hours ahead) through the outbox, each once. It has no outputs: the events leave with the outbox relay. A storage fault propagates, so the
/// invocation fails (non-2xx); what was committed before it stays committed, and the rest is picked up by the host's
/// retry policy or the next hourly run.
/// </summary>
public sealed class HousekeepingFunction(
    SendExpiryNoticesHandler expiryNotices, SendRemindersHandler reminders, ILogger<HousekeepingFunction> logger) : IInvokedFunction
{
    public const string FunctionName = "Housekeeping";
    public const string TimerBinding = "timer";

    public string Name => FunctionName;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer(TimerBinding);
        var run = await expiryNotices.HandleAsync(cancellationToken: cancellationToken);
        if (run.Sent + run.Forgotten + run.Waiting + run.Contended > 0 || run.LimitReached)
        {
            logger.LogInformation(
                "Fullmakt expiry notices: {Sent} sent, {Forgotten} index entries dropped, {Waiting} not due yet, {Contended} left after concurrent changes{Limit}{PastDue}",
                run.Sent, run.Forgotten, run.Waiting, run.Contended,
                run.LimitReached ? "; the per-run limit was reached, the next run continues" : string.Empty,
                timer.IsPastDue ? " (past due)" : string.Empty);
        }

        var reminded = await reminders.HandleAsync(cancellationToken: cancellationToken);
        if (reminded.Sent + reminded.AlreadySent + reminded.Contended > 0 || reminded.LimitReached)
        {
            logger.LogInformation(
                "Appointment reminders: {Sent} sent, {AlreadySent} already sent, {Contended} left after concurrent changes{Limit}",
                reminded.Sent, reminded.AlreadySent, reminded.Contended,
                reminded.LimitReached ? "; the per-run limit was reached, the next run continues" : string.Empty);
        }

        return new InvocationResponse();
    }
}
