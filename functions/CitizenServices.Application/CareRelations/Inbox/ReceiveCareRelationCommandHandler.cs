using System.Text.Json;
using CitizenServices.Application.CareRelations.Apply;
using CitizenServices.Application.Events;
using CitizenServices.Domain.CareRelations;
using CitizenServices.Domain.Events;
using CitizenServices.Domain.Identity;
using CitizenServices.Domain.Errors;

namespace CitizenServices.Application.CareRelations.Inbox;

/// <summary>A message from queue <c>care-relations-inbound</c> as the function receives it.</summary>
public sealed record ReceivedCareRelationCommand(ReadOnlyMemory<byte> Body, string? MessageId, int? DeliveryCount, string? CorrelationId);

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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(received.Body);
        }
        catch (JsonException)
        {
            return await RejectAsync(received, null, null, null, null, Error.Invalid("invalid-message", "body", "The body is not JSON."), cancellationToken);
        }

        using (document)
        {
            var root = document.RootElement;
            if (CareRelationCommandReader.ReadMessage(root, out var commandId, out var command) is { } error)
            {
                var id = commandId == Guid.Empty ? (Guid?)null : commandId;
                var municipality = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("municipality", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString() : null;
                return await RejectAsync(received, id, CareRelationCommandReader.ChildOf(root), null, municipality,
                    Error.Invalid("invalid-message", error.Field, error.Detail), cancellationToken);
            }

            var decision = await apply.HandleAsync(command!, received.CorrelationId ?? commandId.ToString(), cancellationToken);
            return decision.Outcome switch
            {
                CareRelationOutcome.Applied => new(CareRelationInboxOutcome.Applied, commandId, decision.Relation, null, false),
                CareRelationOutcome.Duplicate => new(CareRelationInboxOutcome.Duplicate, commandId, decision.Relation, null, false),
                _ => await RejectAsync(received, commandId, command!.Child, command, command.Municipality, decision.Error!, cancellationToken),
            };
        }
    }

    private async Task<CareRelationInboxResult> RejectAsync(
        ReceivedCareRelationCommand received, Guid? commandId, NationalIdentityNumber? child, CareRelationCommand? command, string? municipality,
        Error error, CancellationToken cancellationToken)
    {
        if (commandId is not { } id || child is not { } subject)
        {
            // Nothing to address a reply to: the operator finds it in the parking lot.
            await ParkAsync(received, error, cancellationToken);
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
            var reply = DomainEvent.Create(EventTypes.CareRelationCommandRejected, subject, data, time, received.CorrelationId ?? id.ToString());
            if (await store.CommitAsync(new CareRelationCommit(loaded, null, id, [reply]), cancellationToken))
            {
                await ParkAsync(received, error, cancellationToken);
                return new(CareRelationInboxOutcome.Rejected, id, null, error, true);
            }
        }

        throw new InvalidOperationException($"The rejection of care relation command {id} lost {ApplyCareRelationCommandHandler.MaxAttempts} races; it will be redelivered.");
    }

    private Task ParkAsync(ReceivedCareRelationCommand received, Error error, CancellationToken cancellationToken) =>
        parkingLot.ParkAsync(
            new ParkedMessage(Consumer, $"{error.Code} ({error.Field}): {error.Detail}", received.Body, received.MessageId, received.DeliveryCount, time.GetUtcNow()),
            cancellationToken);
}
