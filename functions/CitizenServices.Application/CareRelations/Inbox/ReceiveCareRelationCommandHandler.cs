using CitizenServices.Application.CareRelations.Apply;

namespace CitizenServices.Application.CareRelations.Inbox;

/// <summary>A message from queue <c>care-relations-inbound</c> as the function receives it, and what its body says.</summary>
public sealed record ReceivedCareRelationCommand(
    ReadOnlyMemory<byte> Body, string? MessageId, int? DeliveryCount, string? CorrelationId, CareRelationMessage Message);

/// <summary>
/// What the case system's message says, as far as its reader could tell: the command, or the <see cref="Error"/> with the
/// ids a reply needs where they could be read.
/// </summary>
/// <param name="CommandId">Null when the body has no readable commandId: the reply could be matched to nothing.</param>
/// <param name="Child">Null when the body has no readable child: the reply is filed under the child.</param>
/// <param name="Municipality">Echoed in the reply; only ever a kommunenummer.</param>
/// <param name="UnreadableReason">Set when the body could not be read at all (not JSON): nothing in it can be answered.</param>
public sealed record CareRelationMessage(
    CareRelationCommand? Command, Error? Error, Guid? CommandId, NationalIdentityNumber? Child, string? Municipality, string? UnreadableReason = null)
{
    public static CareRelationMessage Unreadable(string reason) => new(null, null, null, null, null, reason);
}

public enum CareRelationInboxOutcome
{
    Applied,

    /// <summary>The decision reference and version were applied before (a redelivery or a second copy): nothing done.</summary>
    Duplicate,

    /// <summary>Not applied: parked with its reason, and answered with <c>care-relation-command.rejected</c> where it could be.</summary>
    Rejected,
}

/// <param name="Replied">Whether a reply event was committed (it needs a readable command id and child).</param>
public sealed record CareRelationInboxResult(
    CareRelationInboxOutcome Outcome, Guid? CommandId, CareRelation? Relation, Error? Error, bool Replied);

/// <summary>
/// Function <c>CareRelationsInbox</c>: the case system's commands. A command that cannot be applied is parked with its
/// reason and acknowledged (a retry cannot make it valid), and the reason goes back to the case system as the event
/// <c>care-relation-command.rejected</c>, committed through the outbox in the child's partition together with the
/// command id, so a redelivered rejected command is answered once. Throws only on infrastructure faults.
/// </summary>
public sealed class ReceiveCareRelationCommandHandler(
    ApplyCareRelationCommandHandler apply, ICareRelationStore store, IParkingLot parkingLot, TimeProvider time)
{
    public const string Consumer = "care-relations-inbox";

    /// <summary>The problem type base the API uses too, so the reply names the same problem a caseworker would get.</summary>
    public const string ProblemTypeBase = "https://citizen-services.helsenorge.no/problems/";

    public async Task<CareRelationInboxResult> HandleAsync(ReceivedCareRelationCommand received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        var read = received.Message;
        if (read.UnreadableReason is { } unreadable)
        {
            return await RejectAsync(received, null, null, null, null, Error.Invalid("invalid-message", "body", unreadable), cancellationToken);
        }

        if (read.Error is { } error)
        {
            return await RejectAsync(received, read.CommandId, read.Child, null, read.Municipality,
                Error.Invalid("invalid-message", error.Field, error.Detail), cancellationToken);
        }

        var command = read.Command!;
        CareRelationDecision decision;
        try
        {
            decision = await apply.HandleAsync(command, received.CorrelationId ?? read.CommandId!.Value.ToString(), cancellationToken);
        }
        catch (Exception exception) when (MessageFaults.IsCausedByContent(exception))
        {
            // The same command would fail the same way on every redelivery: answer it now instead of after ten attempts.
            return await RejectAsync(received, read.CommandId, command.Child, command, command.Municipality, Unprocessable, cancellationToken,
                MessageFaults.Reason("apply", exception));
        }

        return decision.Outcome switch
        {
            CareRelationOutcome.Applied => new(CareRelationInboxOutcome.Applied, read.CommandId, decision.Relation, null, false),
            CareRelationOutcome.Duplicate => new(CareRelationInboxOutcome.Duplicate, read.CommandId, decision.Relation, null, false),
            _ => await RejectAsync(received, read.CommandId, command.Child, command, command.Municipality, decision.Error!, cancellationToken),
        };
    }

    /// <summary>The reply when applying failed on the command's content in a way no rule names (the operator has the detail).</summary>
    private static Error Unprocessable { get; } = Error.Invalid("unprocessable-command", null,
        "The command could not be applied; it is kept with its reason for the service's operators.");

    /// <param name="operatorDetail">What the operator needs beyond the reply's detail (a fault the rules do not name).</param>
    private async Task<CareRelationInboxResult> RejectAsync(
        ReceivedCareRelationCommand received, Guid? commandId, NationalIdentityNumber? child, CareRelationCommand? command, string? municipality,
        Error error, CancellationToken cancellationToken, string? operatorDetail = null)
    {
        if (commandId is not { } id || child is not { } subject)
        {
            // Nothing to address a reply to: the operator finds it in the parking lot.
            await ParkAsync(received, error, operatorDetail, cancellationToken);
            return new(CareRelationInboxOutcome.Rejected, commandId, null, error, false);
        }

        for (var attempt = 1; attempt <= ApplyCareRelationCommandHandler.MaxAttempts; attempt++)
        {
            var loaded = await store.LoadAsync(subject, cancellationToken);
            if (loaded.RejectedCommands.Contains(id))
            {
                return new(CareRelationInboxOutcome.Rejected, id, null, error, false);
            }

            var data = new CareRelationCommandRejected(
                id, subject, command?.RelationId, command?.DecisionReference, command?.Version, municipality,
                ProblemTypeBase + error.Code, error.Code, error.Field, error.Detail);
            bool committed;
            try
            {
                var reply = DomainEvent.Create(EventTypes.CareRelationCommandRejected, subject, data, time, received.CorrelationId ?? id.ToString());
                committed = await store.CommitAsync(new CareRelationCommit(loaded, null, id, [reply]), cancellationToken);
            }
            catch (Exception exception) when (MessageFaults.IsCausedByContent(exception))
            {
                // Even the reply cannot be written (say, a correlation id no encoder takes): park only, never loop.
                await ParkAsync(received, error, $"{operatorDetail} No reply: {MessageFaults.Reason("reply", exception)}".TrimStart(), cancellationToken);
                return new(CareRelationInboxOutcome.Rejected, id, null, error, false);
            }

            if (committed)
            {
                await ParkAsync(received, error, operatorDetail, cancellationToken);
                return new(CareRelationInboxOutcome.Rejected, id, null, error, true);
            }
        }

        throw new InvalidOperationException($"The rejection of care relation command {id} lost {ApplyCareRelationCommandHandler.MaxAttempts} races; it will be redelivered.");
    }

    private Task ParkAsync(ReceivedCareRelationCommand received, Error error, string? operatorDetail, CancellationToken cancellationToken) =>
        parkingLot.ParkAsync(
            new ParkedMessage(
                Consumer, $"{error.Code} ({error.Field}): {error.Detail}{(operatorDetail is null ? string.Empty : " " + operatorDetail)}",
                received.Body, received.MessageId, received.DeliveryCount, time.GetUtcNow()),
            cancellationToken);
}
