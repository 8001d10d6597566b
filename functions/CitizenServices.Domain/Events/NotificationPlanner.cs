namespace CitizenServices.Domain.Events;

/// <summary>
/// Which events notify whom (domain rules, "Notifications"): fullmakt granted/ended/expiring → both parties;
/// foster relation registered/changed/ended → the foster parents, and the parents where the basis allows;
/// guardianship changes → the ward and the guardians; consent decisions → the person (a receipt).
/// </summary>
/// <remarks>
/// Every recipient gets an inbox message (behind login, with what happened) and an SMS and e-mail nudge with the
/// generic <see cref="NudgeTemplate"/> and no parameters at all: SMS and e-mail leave Helsenorge's security
/// boundary, so by construction they cannot carry health details, names of others or relation details.
/// </remarks>
public static class NotificationPlanner
{
    public const string NudgeTemplate = "helsenorge-new-message";

    /// <summary>Parameter names SMS and e-mail may carry. Empty on purpose; adding one needs a privacy review.</summary>
    public static IReadOnlySet<string> NudgeParameterAllowList { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Event types that notify nobody: replies to the systems that sent a command.</summary>
    public static IReadOnlySet<string> SilentTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { EventTypes.CareRelationCommandRejected };

    /// <summary>The mapping table, one row per event type and recipient role (also in docs/events.md).</summary>
    public static IReadOnlyList<NotificationRule> Rules { get; } =
    [
        new(EventTypes.FullmaktGranted, "giver", "fullmakt-granted-giver"),
        new(EventTypes.FullmaktGranted, "representative", "fullmakt-granted-representative"),
        new(EventTypes.FullmaktEnded, "giver (not after the giver's death)", "fullmakt-ended-giver"),
        new(EventTypes.FullmaktEnded, "representative (not after the representative's death)", "fullmakt-ended-representative"),
        new(EventTypes.FullmaktExpiring, "giver", "fullmakt-expiring-giver"),
        new(EventTypes.FullmaktExpiring, "representative", "fullmakt-expiring-representative"),
        new(EventTypes.FosterRelationRegistered, "foster parent", "foster-relation-registered-foster-parent"),
        new(EventTypes.FosterRelationRegistered, "parent (voluntary placement, or care order keeping digital access)", "foster-relation-registered-parent"),
        new(EventTypes.FosterRelationChanged, "foster parent", "foster-relation-changed-foster-parent"),
        new(EventTypes.FosterRelationChanged, "parent (as above)", "foster-relation-changed-parent"),
        new(EventTypes.FosterRelationEnded, "foster parent", "foster-relation-ended-foster-parent"),
        new(EventTypes.FosterRelationEnded, "parent (as above)", "foster-relation-ended-parent"),
        new(EventTypes.GuardianshipChanged, "ward", "guardianship-changed-ward"),
        new(EventTypes.GuardianshipChanged, "guardian", "guardianship-changed-guardian"),
        new(EventTypes.ConsentDecisionChanged, "person (a receipt, also when a parent decided)", "consent-decision-changed-person"),
        new(EventTypes.AppointmentBooked, "subject", "appointment-booked"),
        new(EventTypes.AppointmentBooked, "representative who booked", "appointment-booked-representative"),
        new(EventTypes.AppointmentRescheduled, "subject", "appointment-rescheduled"),
        new(EventTypes.AppointmentRescheduled, "representative who moved it", "appointment-rescheduled-representative"),
        new(EventTypes.AppointmentCancelled, "subject", "appointment-cancelled"),
        new(EventTypes.AppointmentCancelled, "representative who cancelled", "appointment-cancelled-representative"),
        new(EventTypes.AppointmentReminderDue, "subject", "appointment-reminder"),
        new(EventTypes.NettlegeConsultationCompleted, "subject (the regular GP is informed separately)", "nettlege-consultation-completed"),
    ];

    /// <summary>
    /// The notification requests for an event whose data <see cref="EventData.TryRead"/> has read. Recipients are
    /// de-duplicated (one person in two roles gets the first role's message).
    /// </summary>
    public static IReadOnlyList<NotificationRequest> Plan(EventEnvelope envelope, object data, NotificationLanguage language = NotificationLanguage.Nb)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(data);

        var inbox = new List<(NationalIdentityNumber Recipient, string Template, Dictionary<string, string> Parameters)>();
        switch (data)
        {
            case FullmaktGranted granted:
                var grantedParameters = new Dictionary<string, string>
                {
                    ["fullmaktId"] = granted.FullmaktId.ToString(),
                    ["serviceAreas"] = string.Join(',', granted.ServiceAreas),
                    ["validFrom"] = Date(granted.ValidFrom),
                    ["validTo"] = granted.ValidTo is { } to ? Date(to) : string.Empty,
                };
                inbox.Add((granted.Giver, "fullmakt-granted-giver", grantedParameters));
                inbox.Add((granted.Representative, "fullmakt-granted-representative", grantedParameters));
                break;
            case FullmaktEnded ended:
                var endedParameters = new Dictionary<string, string>
                {
                    ["fullmaktId"] = ended.FullmaktId.ToString(),
                    ["endedBy"] = ended.Reason == FullmaktEndReason.Death ? "death" : ended.EndedBy.ToString().ToLowerInvariant(),
                };

                // After a death only the surviving party is told: a message to the deceased's inbox reaches nobody.
                if (ended.Deceased != ended.Giver)
                {
                    inbox.Add((ended.Giver, "fullmakt-ended-giver", endedParameters));
                }

                if (ended.Deceased != ended.Representative)
                {
                    inbox.Add((ended.Representative, "fullmakt-ended-representative", endedParameters));
                }

                break;
            case FullmaktExpiring expiring:
                var expiringParameters = new Dictionary<string, string>
                {
                    ["fullmaktId"] = expiring.FullmaktId.ToString(),
                    ["validTo"] = Date(expiring.ValidTo),
                };
                inbox.Add((expiring.Giver, "fullmakt-expiring-giver", expiringParameters));
                inbox.Add((expiring.Representative, "fullmakt-expiring-representative", expiringParameters));
                break;
            case FosterRelationData foster:
                var action = envelope.Type switch
                {
                    EventTypes.FosterRelationRegistered => "registered",
                    EventTypes.FosterRelationChanged => "changed",
                    EventTypes.FosterRelationEnded => "ended",
                    _ => throw new ArgumentException($"'{envelope.Type}' does not carry foster relation data.", nameof(envelope)),
                };
                var fosterParameters = new Dictionary<string, string>
                {
                    ["relationId"] = foster.RelationId.ToString(),
                    ["version"] = foster.Version.ToString(CultureInfo.InvariantCulture),
                    ["validFrom"] = Date(foster.ValidFrom),
                    ["validTo"] = foster.ValidTo is { } fosterTo ? Date(fosterTo) : string.Empty,
                };
                foreach (var fosterParent in foster.FosterParents)
                {
                    inbox.Add((fosterParent, $"foster-relation-{action}-foster-parent", fosterParameters));
                }

                // Parents are told only where the basis lets them follow the child digitally, and never where or with
                // whom the child lives: their message carries the relation id and period only.
                if (foster.LegalBasis == FosterCareLegalBasis.VoluntaryPlacement || foster.ParentsKeepDigitalAccess)
                {
                    var parentParameters = new Dictionary<string, string>
                    {
                        ["relationId"] = foster.RelationId.ToString(),
                        ["validFrom"] = Date(foster.ValidFrom),
                        ["validTo"] = foster.ValidTo is { } parentTo ? Date(parentTo) : string.Empty,
                    };
                    foreach (var parent in foster.Parents)
                    {
                        inbox.Add((parent, $"foster-relation-{action}-parent", parentParameters));
                    }
                }

                break;
            case CareRelationCommandRejected:
                // A reply to the case system that sent the command; nobody is notified.
                break;
            case GuardianshipChanged guardianship:
                var guardianshipParameters = new Dictionary<string, string>
                {
                    ["guardianshipId"] = guardianship.GuardianshipId.ToString(),
                    ["change"] = guardianship.Change.ToString().ToLowerInvariant(),
                    ["effectiveFrom"] = Date(guardianship.EffectiveFrom),
                };
                inbox.Add((guardianship.Ward, "guardianship-changed-ward", guardianshipParameters));
                foreach (var guardian in guardianship.Guardians)
                {
                    inbox.Add((guardian, "guardianship-changed-guardian", guardianshipParameters));
                }

                break;
            case ConsentDecisionChanged consent:
                // A receipt in the person's own inbox: a decision about them is never made without them hearing of it.
                inbox.Add((consent.Person, "consent-decision-changed-person", new Dictionary<string, string>
                {
                    ["definitionId"] = consent.DefinitionId,
                    ["decision"] = consent.Decision,
                    ["version"] = consent.Version,
                    ["decidedAs"] = consent.DecidedAs,
                }));
                break;
            case AppointmentBooked booked:
                var bookedParameters = AppointmentParameters(booked.AppointmentId, booked.ScheduleId, booked.Start);
                inbox.Add((booked.Subject, "appointment-booked", bookedParameters));
                inbox.Add((booked.BookedBy, "appointment-booked-representative", bookedParameters));
                break;
            case AppointmentRescheduled moved:
                var movedParameters = AppointmentParameters(moved.AppointmentId, moved.ScheduleId, moved.ToStart);
                movedParameters["previousStart"] = Instant(moved.FromStart);
                inbox.Add((moved.Subject, "appointment-rescheduled", movedParameters));
                inbox.Add((moved.RescheduledBy, "appointment-rescheduled-representative", movedParameters));
                break;
            case AppointmentCancelled cancelled:
                var cancelledParameters = AppointmentParameters(cancelled.AppointmentId, cancelled.ScheduleId, cancelled.Start);
                inbox.Add((cancelled.Subject, "appointment-cancelled", cancelledParameters));
                inbox.Add((cancelled.CancelledBy, "appointment-cancelled-representative", cancelledParameters));
                break;
            case AppointmentReminderDue reminder:
                inbox.Add((reminder.Subject, "appointment-reminder", AppointmentParameters(reminder.AppointmentId, reminder.ScheduleId, reminder.Start)));
                break;
            case NettlegeConsultationCompleted completed:
                inbox.Add((completed.Subject, "nettlege-consultation-completed",
                    AppointmentParameters(completed.AppointmentId, Nettlege.NettlegeSchedule.IdFor(completed.Municipality), completed.Start)));
                break;
            default:
                throw new ArgumentException($"No notification rule for {data.GetType().Name}.", nameof(data));
        }

        var requests = new List<NotificationRequest>();
        var seen = new HashSet<NationalIdentityNumber>();
        foreach (var (recipient, template, parameters) in inbox)
        {
            if (!seen.Add(recipient))
            {
                continue;
            }

            requests.Add(Request(envelope.EventId, recipient, NotificationChannel.Inbox, template, language, parameters));
            requests.Add(Request(envelope.EventId, recipient, NotificationChannel.Sms, NudgeTemplate, language, new Dictionary<string, string>()));
            requests.Add(Request(envelope.EventId, recipient, NotificationChannel.Email, NudgeTemplate, language, new Dictionary<string, string>()));
        }

        return requests;
    }

    private static NotificationRequest Request(
        Guid eventId, NationalIdentityNumber recipient, NotificationChannel channel, string template, NotificationLanguage language,
        IReadOnlyDictionary<string, string> parameters) =>
        new(NotificationRequest.DeterministicId(eventId, recipient, channel), eventId, recipient, channel, template, language, parameters);

    /// <summary>The start in Europe/Oslo time, as the inbox message shows it.</summary>
    private static Dictionary<string, string> AppointmentParameters(Guid appointmentId, string scheduleId, DateTimeOffset start) => new()
    {
        ["appointmentId"] = appointmentId.ToString(),
        ["scheduleId"] = scheduleId,
        ["start"] = Instant(start),
    };

    private static string Instant(DateTimeOffset instant) =>
        Time.NorwegianTime.ToOslo(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <param name="EventType">The event type.</param>
/// <param name="Recipient">Who is told, by role.</param>
/// <param name="InboxTemplate">The inbox template; SMS and e-mail use <see cref="NotificationPlanner.NudgeTemplate"/>.</param>
public sealed record NotificationRule(string EventType, string Recipient, string InboxTemplate);
