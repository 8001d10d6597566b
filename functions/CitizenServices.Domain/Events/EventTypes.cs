namespace CitizenServices.Domain.Events;

/// <summary>
/// The event types published on topic <c>citizen-events</c>. Names are <c>{aggregate}.{pastTense}</c>; the schema of
/// each type's <c>data</c> lives in <c>contracts/messages/events/{type}.v{version}.schema.json</c>.
/// </summary>
public static class EventTypes
{
    public const string FullmaktGranted = "fullmakt.granted";
    public const string FullmaktEnded = "fullmakt.ended";
    public const string FullmaktExpiring = "fullmakt.expiring";
    public const string FosterRelationRegistered = "foster-relation.registered";
    public const string FosterRelationChanged = "foster-relation.changed";
    public const string FosterRelationEnded = "foster-relation.ended";
    public const string CareRelationCommandRejected = "care-relation-command.rejected";
    public const string GuardianshipChanged = "guardianship.changed";
    public const string ConsentDecisionChanged = "consent-decision.changed";
    public const string AppointmentBooked = "appointment.booked";
    public const string AppointmentRescheduled = "appointment.rescheduled";
    public const string AppointmentCancelled = "appointment.cancelled";
    public const string AppointmentReminderDue = "appointment.reminder-due";
    public const string NettlegeConsultationCompleted = "nettlege-consultation.completed";

    /// <summary>Every type with the data schema version this build produces and understands.</summary>
    public static IReadOnlyDictionary<string, int> CurrentVersions { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [FullmaktGranted] = 1,
        [FullmaktEnded] = 1,
        [FullmaktExpiring] = 1,
        [FosterRelationRegistered] = 1,
        [FosterRelationChanged] = 1,
        [FosterRelationEnded] = 1,
        [CareRelationCommandRejected] = 1,
        [GuardianshipChanged] = 1,
        [ConsentDecisionChanged] = 1,
        [AppointmentBooked] = 1,
        [AppointmentRescheduled] = 1,
        [AppointmentCancelled] = 1,
        [AppointmentReminderDue] = 1,
        [NettlegeConsultationCompleted] = 1,
    };
}
