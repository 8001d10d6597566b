using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Domain.Nettlege;
using CitizenServices.Domain.Nettlege.Triage;
using CitizenServices.Domain.Time;

namespace CitizenServices.Functions.Nettlege;

/// <summary>A pilot version as the API shows it: the configuration in the shape it is written in, and who changed it when.</summary>
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

public sealed record TriageBody(int? QuestionnaireVersion, Dictionary<string, List<string>>? Answers);

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
public sealed record CompleteConsultationBody(string? Summary);

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
