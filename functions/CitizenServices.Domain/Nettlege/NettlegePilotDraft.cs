namespace CitizenServices.Domain.Nettlege;

/// <summary>One opening as the administrator wrote it: weekday name and <c>HH:mm</c> times, still unchecked.</summary>
public sealed record OpeningDraft(string? Day, string? Opens, string? Closes);

/// <summary>An information link as written, still unchecked.</summary>
public sealed record InfoLinkDraft(string? Title, string? Url);

/// <summary>
/// A pilot configuration as the administrator sent it, every field still raw, so that
/// <see cref="NettlegePilotRules.Validate"/> can name each one at fault in a single answer.
/// </summary>
public sealed record NettlegePilotDraft(
    bool? Enabled,
    string? ValidFrom,
    string? ValidTo,
    IReadOnlyList<OpeningDraft>? OpeningHours,
    int? SlotLengthMinutes,
    int? ConsultationsPerHour,
    string? FeeText,
    string? OutOfHoursPhone,
    IReadOnlyList<InfoLinkDraft>? InfoLinks);
