namespace CitizenServices.Domain.Nettlege.Consultations;

/// <summary>
/// A nettlege video consultation the doctor has completed, with the summary written for the citizen's regular GP.
/// <see cref="CompletedBy"/> is the completing clinician's workforce object id (who wrote the summary).
/// </summary>
public sealed record CompletedConsultation(
    Guid AppointmentId,
    NationalIdentityNumber Subject,
    string Municipality,
    string ScheduleId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Summary,
    string CompletedBy,
    DateTimeOffset CompletedAt);

/// <summary>When a consultation can be completed and what its summary must be (docs/nettlege.md, "Completing a consultation").</summary>
public static class ConsultationRules
{
    /// <summary>A summary is a short note for the GP, not a record: at most this many characters.</summary>
    public const int MaxSummaryLength = 4000;

    /// <summary>A video consultation may begin a little before its slot, so it may be completed from this long before the start.</summary>
    public static readonly TimeSpan EarliestBeforeStart = TimeSpan.FromMinutes(15);

    /// <summary>The summary is for the GP's follow-up: it must be written within this long after the start.</summary>
    public static readonly TimeSpan CompletionWindow = TimeSpan.FromDays(7);

    /// <summary>Null when the summary is acceptable, else the problem (field <c>summary</c>).</summary>
    public static Error? ValidateSummary(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return Error.Invalid("summary-required", "summary", "A summary for the citizen's regular GP is required.");
        }

        if (summary.Length > MaxSummaryLength)
        {
            return Error.Invalid(
                "summary-too-long", "summary", $"The summary has {summary.Length} characters; at most {MaxSummaryLength} are allowed.");
        }

        return summary.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? Error.Invalid("summary-invalid-character", "summary", "The summary contains a control character other than line breaks and tabs.")
            : null;
    }

    /// <summary>Null when a consultation starting at <paramref name="start"/> can be completed at <paramref name="now"/>, else the problem.</summary>
    public static Error? ValidateTime(DateTimeOffset start, DateTimeOffset now)
    {
        if (now < start - EarliestBeforeStart)
        {
            return Error.Invalid(
                "consultation-not-started", "appointmentId",
                $"The consultation starts at {NorwegianTimeText(start)}; it can be completed from {EarliestBeforeStart.TotalMinutes:0} minutes before.");
        }

        return now > start + CompletionWindow
            ? Error.Invalid(
                "completion-window-passed", "appointmentId",
                $"The consultation started at {NorwegianTimeText(start)}; a summary can be sent up to {CompletionWindow.TotalDays:0} days after the start.")
            : null;
    }

    private static string NorwegianTimeText(DateTimeOffset instant) =>
        Time.NorwegianTime.ToOslo(instant).ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture);
}
