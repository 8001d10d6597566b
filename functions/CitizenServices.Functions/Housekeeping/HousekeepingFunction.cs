using CitizenServices.Application.Authentication;
using CitizenServices.Application.Booking.Reminders;
using CitizenServices.Application.Booking.Slots;
using CitizenServices.Application.Fullmakt.ExpiryNotices;
using CitizenServices.Application.Nettlege.Slots;

namespace CitizenServices.Functions.Housekeeping;

/// <summary>
/// Timer (hourly, <c>functions/definitions/Housekeeping</c>): sends the due "expiring soon" fullmakt notices and the
/// appointment reminders (24 hours ahead) through the outbox, each once, retires slots that ended a day ago
/// (docs/booking.md), keeps the nettlege video slots published ahead (docs/nettlege.md), and forgets DPoP proofs too old to be accepted again (docs/identity.md). It has no outputs: the events leave with the outbox relay. A storage fault propagates, so the
/// invocation fails (non-2xx); what was committed before it stays committed, and the rest is picked up by the host's
/// retry policy or the next hourly run.
/// </summary>
public sealed class HousekeepingFunction(
    SendExpiryNoticesHandler expiryNotices, SendRemindersHandler reminders, RetirePastSlotsHandler pastSlots, GenerateNettlegeSlotsHandler nettlegeSlots,
    IProofReplayCache proofs, Authentication.HelseId.HelseIdOptions helseId, TimeProvider time,
    ILogger<HousekeepingFunction> logger) : IInvokedFunction
{
    public static string Name => "Housekeeping";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timer = request.ReadTimer();
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

        var retired = await pastSlots.HandleAsync(cancellationToken: cancellationToken);
        if (retired.Retired > 0 || retired.LimitReached)
        {
            logger.LogInformation(
                "Past slots: {Retired} retired{Limit}", retired.Retired,
                retired.LimitReached ? "; the per-run limit was reached, the next run continues" : string.Empty);
        }

        var generated = await nettlegeSlots.HandleAsync(cancellationToken);
        if (generated.Published > 0 || generated.Refused.Count > 0)
        {
            logger.LogInformation(
                "Nettlege video slots: {Published} published, {AlreadyPublished} already there, for {Pilots} enabled pilot(s)", generated.Published,
                generated.AlreadyPublished, generated.Pilots);
        }

        foreach (var refused in generated.Refused)
        {
            logger.LogWarning("Nettlege video slots not published: {Reason}", refused);
        }

        var forgotten = await proofs.ForgetBeforeAsync(time.GetUtcNow() - helseId.ReplayRetention, cancellationToken);
        if (forgotten > 0)
        {
            logger.LogInformation("DPoP replay cache: {Forgotten} proofs too old to be accepted again forgotten", forgotten);
        }

        return new InvocationResponse();
    }
}
