namespace CitizenServices.Domain.Events;

public enum NotificationChannel
{
    /// <summary>The citizen's Helsenorge inbox: behind login, so it may say what happened.</summary>
    Inbox,

    /// <summary>A nudge only ("you have a new message on Helsenorge"); no details.</summary>
    Sms,

    /// <summary>A nudge only, like <see cref="Sms"/>.</summary>
    Email,
}

public enum NotificationLanguage
{
    Nb,
    Nn,
    En,
}

/// <summary>
/// One request to the national notification service, sent on queue <c>notifications-outbound</c>.
/// Schema: <c>contracts/messages/notification-request.schema.json</c>.
/// </summary>
public sealed record NotificationRequest(
    Guid NotificationId,
    Guid EventId,
    NationalIdentityNumber Recipient,
    NotificationChannel Channel,
    string Template,
    NotificationLanguage Language,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>
    /// The same event, recipient and channel always give the same id, so a re-delivered or re-relayed event yields a
    /// request the notification service recognises as a duplicate. A name-based (RFC 9562 version 8) UUID over
    /// SHA-256, since version 5's SHA-1 is deprecated.
    /// </summary>
    public static Guid DeterministicId(Guid eventId, NationalIdentityNumber recipient, NotificationChannel channel) =>
        NameBasedGuid.Create($"{eventId:N}|{recipient.Value}|{channel}");
}
