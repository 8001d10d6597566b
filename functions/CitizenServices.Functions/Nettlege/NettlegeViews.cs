using CitizenServices.Domain.Nettlege.Consultations;
using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Domain.Nettlege.Triage;

namespace CitizenServices.Functions.Nettlege;

/// <summary>A pilot version as the API shows it: the configuration in the shape it is written in, and who changed it when.</summary>
/// <summary>The body of <c>PUT /api/v1/nettlege/pilots/{municipality}</c>: the whole configuration, every field checked at once.</summary>
/// <param name="Enabled">Whether the pilot offers nettlege now (within its period).</param>
/// <param name="OpeningHours">One entry per weekday it is open; a day left out is closed.</param>
/// <param name="OutOfHoursPhone">The number citizens are sent to when nettlege is not for them (default 116 117).</param>
public sealed record PilotBody(
    bool Enabled,
    [property: Format(RequestPatterns.Date, RequestPatterns.DateMessage, CheckedByDomain = true, SchemaFormat = "date")] string ValidFrom,
    [property: Format(RequestPatterns.Date, RequestPatterns.DateMessage, CheckedByDomain = true, SchemaFormat = "date")] string ValidTo,
    [property: Between(NettlegePilotRules.MinSlotLengthMinutes, NettlegePilotRules.MaxSlotLengthMinutes, CheckedByDomain = true)] int SlotLengthMinutes,
    [property: Between(1, NettlegePilotRules.MaxConsultationsPerHour, CheckedByDomain = true)] int ConsultationsPerHour,
    [property: StringLength(NettlegePilotRules.MaxFeeTextLength), FreeText] string FeeText,
    [property: Format(RequestPatterns.PhoneNumber, RequestPatterns.PhoneNumberMessage, CheckedByDomain = true)] string? OutOfHoursPhone = null,
    [property: ItemCount(0, NettlegePilotRules.MaxInfoLinks, CheckedByDomain = true)] IReadOnlyList<InfoLinkBody>? InfoLinks = null,
    [property: ItemCount(0, 7, CheckedByDomain = true)] IReadOnlyList<OpeningBody>? OpeningHours = null) : IRequestBody
{
    public NettlegePilotDraft ToDraft() => new(
        Enabled, ValidFrom, ValidTo, OpeningHours?.Select(o => new OpeningDraft(o.Day, o.Opens, o.Closes)).ToList(), SlotLengthMinutes,
        ConsultationsPerHour, FeeText, OutOfHoursPhone, InfoLinks?.Select(l => new InfoLinkDraft(l.Title, l.Url)).ToList());
}

/// <summary>One weekday's opening, Europe/Oslo wall-clock time.</summary>
public sealed record OpeningBody(
    [property: Vocabulary(Vocabulary.Weekday, CheckedByDomain = true)] string Day,
    [property: Format(RequestPatterns.TimeOfDay, RequestPatterns.TimeOfDayMessage, CheckedByDomain = true)] string Opens,
    [property: Format(RequestPatterns.TimeOfDay, RequestPatterns.TimeOfDayMessage, CheckedByDomain = true)] string Closes) : IRequestPart;

/// <summary>A link citizens are shown with the pilot.</summary>
public sealed record InfoLinkBody(
    [property: StringLength(NettlegePilotRules.MaxInfoLinkTitleLength), FreeText] string Title,
    [property: Format("^https://", "An absolute https URL.", CheckedByDomain = true, SchemaFormat = "uri"), StringLength(2000)] string Url) : IRequestPart;

public sealed record PilotView(string Municipality, int Version, string ChangedBy, DateTimeOffset ChangedAt, NettlegePilotDraft Configuration)
{
    public static PilotView From(NettlegePilotVersion version) => new(
        version.Pilot.Municipality, version.Version, version.ChangedBy, version.ChangedAt, NettlegePilotRules.ToDraft(version.Pilot));
}

public sealed record PilotListView(IReadOnlyList<PilotView> Pilots, IReadOnlyList<PilotView> History);

/// <summary>Availability with times in Europe/Oslo, and what the citizen needs to see when the service is there.</summary>
public sealed record AvailabilityView(
    bool Available,
    bool OpenNow,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? NextOpening,
    string? WhyNot,
    string? FeeText,
    string? OutOfHoursPhone,
    IReadOnlyList<InfoLink>? InfoLinks)
{
    public static AvailabilityView From(NettlegeAvailability availability) => new(
        availability.Available,
        availability.OpenNow,
        Oslo(availability.ClosesAt),
        Oslo(availability.NextOpening),
        availability.WhyNot,
        availability.Pilot?.FeeText,
        availability.Pilot?.OutOfHoursPhone ?? NettlegePilotRules.DefaultOutOfHoursPhone,
        availability.Pilot?.InfoLinks);

    private static DateTimeOffset? Oslo(DateTimeOffset? instant) => instant is { } i ? NorwegianTime.ToOslo(i) : null;
}

public sealed record QuestionView(string Concept, string Text, int? UnderAgeMonths, int? FromAgeMonths);

/// <summary>A step with the answer codes it accepts: its concepts and <c>none-of-these</c>, or <c>yes</c>/<c>no</c>.</summary>
public sealed record StepView(string Id, string Kind, string Text, IReadOnlyList<QuestionView> Questions, IReadOnlyList<string> AnswerCodes);

public sealed record QuestionnaireView(int Version, string Title, IReadOnlyList<StepView> Steps)
{
    public static QuestionnaireView From(Questionnaire questionnaire) => new(
        questionnaire.Version,
        questionnaire.Title,
        questionnaire.Steps.Select(s => new StepView(
            s.Id,
            s.Kind == TriageStepKind.Checklist ? "checklist" : "yes-no",
            s.Text,
            s.Questions.Select(q => new QuestionView(q.Concept, q.Text, q.UnderAgeMonths, q.FromAgeMonths)).ToList(),
            s.Kind == TriageStepKind.Checklist
                ? [.. s.Questions.Select(q => q.Concept), TriageStep.NoneOfThese]
                : [TriageStep.Yes, TriageStep.No])).ToList());
}

/// <param name="QuestionnaireVersion">The version of the questionnaire the answers were given to.</param>
/// <param name="Answers">Step id to the chosen answer codes, one step per entry.</param>
public sealed record TriageBody(
    [property: Between(1, 10_000, CheckedByDomain = true)] int QuestionnaireVersion,
    [property: ItemCount(0, 100)] Dictionary<string, List<string>> Answers) : IRequestBody;

public sealed record TriageView(
    Guid Id, DateTimeOffset At, int QuestionnaireVersion, string Outcome, IReadOnlyList<TriageReason> Reasons, string Advice, string NextStep)
{
    public static TriageView From(StoredTriage triage) => new(
        triage.Id,
        NorwegianTime.ToOslo(triage.At),
        triage.Result.QuestionnaireVersion,
        triage.Result.Outcome.Code(),
        triage.Result.Reasons,
        triage.Result.Advice.Advice,
        triage.Result.Advice.NextStep);
}

/// <summary>The body of a consultation completion: the summary for the citizen's regular GP.</summary>
public sealed record CompleteConsultationBody(
    [property: TextLength(1, ConsultationRules.MaxSummaryLength, CheckedByDomain = true), FreeText(multiline: true, CheckedByDomain = true)] string Summary)
    : IRequestBody;

/// <summary>
/// A completed consultation as the completing clinician sees it (times in Europe/Oslo). The summary is not echoed: it
/// is stored and goes to the regular GP only.
/// </summary>
public sealed record ConsultationView(Guid AppointmentId, string Municipality, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset CompletedAt, string CompletedBy)
{
    public static ConsultationView From(Domain.Nettlege.Consultations.CompletedConsultation consultation) => new(
        consultation.AppointmentId,
        consultation.Municipality,
        NorwegianTime.ToOslo(consultation.Start),
        NorwegianTime.ToOslo(consultation.End),
        NorwegianTime.ToOslo(consultation.CompletedAt),
        consultation.CompletedBy);
}
