namespace CitizenServices.Domain.Events;

/// <summary>
/// The message to a citizen's regular GP after a nettlege consultation, sent on queue <c>fastlege-outbound</c> for the
/// health-network messaging service to deliver to the GP office's HER id. Schema:
/// <c>contracts/messages/fastlege-message.schema.json</c>. It holds the minimum the GP needs to file the note in the
/// right record and follow up: who the patient is (number and name, to match the record), when and where the
/// consultation was, and the doctor's summary. Nothing else: no triage answers, no address, no representative.
/// </summary>
public sealed record RegularGpMessage(
    Guid MessageId,
    string MessageType,
    int SchemaVersion,
    Guid EventId,
    DateTimeOffset CreatedAt,
    RegularGpMessageRecipient Recipient,
    RegularGpMessagePatient Patient,
    RegularGpMessageConsultation Consultation)
{
    public const string Type = "nettlege-consultation-summary";

    /// <summary>The same event and GP always give the same id, so the receiver can drop a repeat.</summary>
    public static Guid IdFor(Guid eventId, string hprNumber) => NameBasedGuid.Create($"{eventId:N}|fastlege|{hprNumber}");
}

/// <summary>The regular GP: HPR number and name, the office and its HER id (the delivery address).</summary>
public sealed record RegularGpMessageRecipient(string HprNumber, string Name, string Office, string HerId);

/// <summary>The patient as the GP's record knows them.</summary>
public sealed record RegularGpMessagePatient(string NationalIdentityNumber, string GivenName, string FamilyName);

/// <summary>The consultation: the municipality whose nettlege held it, when, by video, and the summary.</summary>
public sealed record RegularGpMessageConsultation(
    Guid AppointmentId,
    string Municipality,
    string Channel,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset CompletedAt,
    string Summary);
