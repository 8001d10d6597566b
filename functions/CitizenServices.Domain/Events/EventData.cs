namespace CitizenServices.Domain.Events;

/// <summary>The <c>data</c> of each event type, version 1. Schemas: <c>contracts/messages/events/</c>.</summary>
public static class EventData
{
    /// <summary>
    /// Reads <paramref name="envelope"/>'s data as the record for its type and version. False with a reason when the
    /// type is unknown (<paramref name="unknownType"/> true) or the data breaks the type's schema.
    /// </summary>
    public static bool TryRead(EventEnvelope envelope, out object? data, out bool unknownType, out string? error)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        data = null;
        unknownType = false;
        if (!EventTypes.CurrentVersions.TryGetValue(envelope.Type, out var version) || version != envelope.SchemaVersion)
        {
            unknownType = true;
            error = $"Unknown event type '{envelope.Type}' version {envelope.SchemaVersion}.";
            return false;
        }

        var target = envelope.Type switch
        {
            EventTypes.FullmaktGranted => typeof(FullmaktGranted),
            EventTypes.FullmaktEnded => typeof(FullmaktEnded),
            EventTypes.FullmaktExpiring => typeof(FullmaktExpiring),
            EventTypes.FosterRelationRegistered or EventTypes.FosterRelationChanged or EventTypes.FosterRelationEnded
                => typeof(FosterRelationData),
            EventTypes.CareRelationCommandRejected => typeof(CareRelationCommandRejected),
            EventTypes.GuardianshipChanged => typeof(GuardianshipChanged),
            EventTypes.ConsentDecisionChanged => typeof(ConsentDecisionChanged),
            EventTypes.AppointmentBooked => typeof(AppointmentBooked),
            EventTypes.AppointmentRescheduled => typeof(AppointmentRescheduled),
            EventTypes.AppointmentCancelled => typeof(AppointmentCancelled),
            EventTypes.AppointmentReminderDue => typeof(AppointmentReminderDue),
            EventTypes.NettlegeConsultationCompleted => typeof(NettlegeConsultationCompleted),
            _ => throw new InvalidOperationException($"EventTypes lists '{envelope.Type}' but EventData cannot read it."),
        };

        try
        {
            data = envelope.Data.Deserialize(target, EventEnvelope.SerializerOptions);
        }
        catch (JsonException exception)
        {
            error = $"data of '{envelope.Type}' v{envelope.SchemaVersion} breaks its schema: {JsonFaults.Describe(exception)}";
            return false;
        }

        error = data is IValidatedEventData validated ? validated.Validate() : "data is null.";
        if (error is not null)
        {
            data = null;
            error = $"data of '{envelope.Type}' v{envelope.SchemaVersion} breaks its schema: {error}";
            return false;
        }

        return true;
    }
}

/// <summary>Rules the JSON shape alone cannot express (non-empty lists, ordered periods).</summary>
public interface IValidatedEventData
{
    /// <summary>Null when valid, else the reason.</summary>
    string? Validate();
}

public sealed record FullmaktGranted(
    Guid FullmaktId,
    NationalIdentityNumber Giver,
    NationalIdentityNumber Representative,
    IReadOnlyList<string> ServiceAreas,
    DateOnly ValidFrom,
    DateOnly? ValidTo) : IValidatedEventData
{
    public string? Validate() =>
        ServiceAreas.Count == 0 ? "serviceAreas must not be empty."
        : ValidTo < ValidFrom ? "validTo must not be before validFrom."
        : null;
}

public enum FullmaktEndedBy
{
    Giver,
    Representative,
    Administrator,
    Expiry,
}

/// <summary>Why a fullmakt ended when no party ended it: optional in schema v1, absent for an ending by giver or representative.</summary>
public enum FullmaktEndReason
{
    /// <summary>A party died; <see cref="FullmaktEnded.Deceased"/> says which.</summary>
    Death,
}

/// <param name="Reason">Set when a death ended it (then <paramref name="EndedBy"/> is <c>expiry</c>); absent otherwise.</param>
/// <param name="Deceased">The party who died, with <paramref name="Reason"/> <c>death</c> only.</param>
public sealed record FullmaktEnded(
    Guid FullmaktId,
    NationalIdentityNumber Giver,
    NationalIdentityNumber Representative,
    FullmaktEndedBy EndedBy,
    DateTimeOffset EndedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FullmaktEndReason? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NationalIdentityNumber? Deceased = null) : IValidatedEventData
{
    public string? Validate() => (Reason, Deceased) switch
    {
        (null, null) => null,
        (FullmaktEndReason.Death, { } dead) when dead == Giver || dead == Representative => null,
        (FullmaktEndReason.Death, { }) => "deceased must be the giver or the representative.",
        (FullmaktEndReason.Death, null) => "deceased is required when reason is death.",
        _ => "deceased is only given with reason death.",
    };
}

public sealed record FullmaktExpiring(
    Guid FullmaktId,
    NationalIdentityNumber Giver,
    NationalIdentityNumber Representative,
    DateOnly ValidTo) : IValidatedEventData
{
    public string? Validate() => null;
}

public enum FosterCareLegalBasis
{
    /// <summary>Frivillig plassering: the parents keep parental responsibility.</summary>
    VoluntaryPlacement,

    /// <summary>Omsorgsovertakelse: the child welfare service has the care.</summary>
    CareOrder,

    /// <summary>Akuttvedtak: an emergency placement, until an ordinary decision is made.</summary>
    EmergencyPlacement,
}

/// <summary>
/// The data of <c>foster-relation.registered</c>, <c>.changed</c> and <c>.ended</c>: the relation's version after the
/// change. <see cref="Institution"/> is the organisation number when the child is placed in an institution instead of
/// with foster parents. <see cref="ParentsKeepDigitalAccess"/> is what the decision says about the parents; it decides whether
/// they are told.
/// </summary>
public sealed record FosterRelationData(
    Guid RelationId,
    int Version,
    NationalIdentityNumber Child,
    IReadOnlyList<NationalIdentityNumber> FosterParents,
    IReadOnlyList<NationalIdentityNumber> Parents,
    FosterCareLegalBasis LegalBasis,
    bool ParentsKeepDigitalAccess,
    string Municipality,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? Institution = null) : IValidatedEventData
{
    public string? Validate() =>
        Version < 1 ? "version must be at least 1."
        : FosterParents.Count > 2 ? "fosterParents must name at most two people."
        : (FosterParents.Count == 0) == (Institution is null) ? "name one or two fosterParents, or an institution (not both)."
        : Municipality.Length != 4 || !Municipality.All(char.IsAsciiDigit) ? "municipality must be a 4-digit kommunenummer."
        : ValidTo < ValidFrom ? "validTo must not be before validFrom."
        : null;
}

/// <summary>
/// The data of <c>care-relation-command.rejected</c>: the reply to a command from a child welfare case system that was
/// not applied, so the case system learns why. <see cref="Code"/> is the problem type's last segment and
/// <see cref="Field"/> the field at fault; <see cref="Detail"/> never repeats a value from the command.
/// </summary>
public sealed record CareRelationCommandRejected(
    Guid CommandId,
    NationalIdentityNumber Child,
    Guid? RelationId,
    string? DecisionReference,
    int? Version,
    string? Municipality,
    string ProblemType,
    string Code,
    string? Field,
    string Detail) : IValidatedEventData
{
    public string? Validate() => string.IsNullOrEmpty(Code) ? "code must not be empty." : null;
}

public enum GuardianshipChange
{
    Appointed,
    Changed,
    Ended,
}

public sealed record GuardianshipChanged(
    Guid GuardianshipId,
    NationalIdentityNumber Ward,
    IReadOnlyList<NationalIdentityNumber> Guardians,
    GuardianshipChange Change,
    DateOnly EffectiveFrom) : IValidatedEventData
{
    public string? Validate() => Guardians.Count == 0 ? "guardians must not be empty." : null;
}

/// <summary>
/// The data of <c>consent-decision.changed</c>: a person's new decision on a consent definition, for sector systems that
/// keep their own copy. <see cref="Decision"/> is <c>given</c>/<c>withdrawn</c> or <c>reserved</c>/<c>lifted</c>;
/// <see cref="DecidedAs"/> is <c>self</c> or <c>parent</c> (never the parent's number: consumers need the decision, not
/// who in the family made it). <see cref="Sequence"/> orders a person's decisions on one definition, so a consumer can
/// drop an older one that arrives late.
/// </summary>
public sealed record ConsentDecisionChanged(
    string DefinitionId,
    string Kind,
    NationalIdentityNumber Person,
    string Decision,
    string Version,
    DateOnly? ValidTo,
    DateTimeOffset DecidedAt,
    string DecidedAs,
    long Sequence) : IValidatedEventData
{
    public string? Validate() =>
        string.IsNullOrEmpty(DefinitionId) ? "definitionId must not be empty."
        : Sequence < 1 ? "sequence must be at least 1."
        : Kind is not ("consent" or "reservation" or "restriction") ? "kind must be consent, reservation or restriction."
        : Decision is not ("given" or "withdrawn" or "reserved" or "lifted") ? "decision must be given, withdrawn, reserved or lifted."
        : null;
}
