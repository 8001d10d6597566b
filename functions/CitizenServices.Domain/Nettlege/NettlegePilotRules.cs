namespace CitizenServices.Domain.Nettlege;

/// <summary>
/// The rules of a municipality's nettlege pilot configuration and of whether the service is offered on a date.
/// Each rule has a test named after it in tests/CitizenServices.UnitTests/Nettlege.
/// </summary>
public static class NettlegePilotRules
{
    /// <summary>Rule: a pilot's period lies within these days, so no date computed from it can leave the calendar.</summary>
    public static readonly DateOnly EarliestDate = new(2020, 1, 1);

    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public const int MinSlotLengthMinutes = 5;
    public const int MaxSlotLengthMinutes = 60;
    public const int MaxConsultationsPerHour = 500;
    public const int MaxFeeTextLength = 500;
    public const int MaxInfoLinks = 10;
    public const int MaxInfoLinkTitleLength = 100;

    /// <summary>Legevakt, the national out-of-hours number: the default contact when nettlege cannot help.</summary>
    public const string DefaultOutOfHoursPhone = "116 117";

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The weekday's name in requests and responses (lower-case English, as <see cref="DayOfWeek"/>).</summary>
    public static string DayName(DayOfWeek day) => DayNames[(int)day];

    /// <summary>
    /// Checks every field of a draft and returns either the pilot or every problem found (never both): each problem
    /// names its field, so an administrator can fix all of them at once.
    /// </summary>
    public static (NettlegePilot? Pilot, IReadOnlyList<FieldError> Problems) Validate(string municipality, NettlegePilotDraft draft)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<FieldError>();

        if (draft.Enabled is null)
        {
            problems.Add(new("enabled-required", "enabled", "Say whether the pilot is on (true) or off (false)."));
        }

        var from = ReadDate(draft.ValidFrom, "validFrom", problems);
        var to = ReadDate(draft.ValidTo, "validTo", problems);
        if (from is { } f && to is { } t && t < f)
        {
            problems.Add(new("period-end-before-start", "validTo", "The last day of the pilot cannot be before its first day."));
        }

        var slotLength = ReadSlotLength(draft.SlotLengthMinutes, problems);
        var perHour = ReadConsultationsPerHour(draft.ConsultationsPerHour, slotLength, problems);
        var hours = ReadOpeningHours(draft.OpeningHours, slotLength, problems);

        var feeText = draft.FeeText?.Trim();
        if (string.IsNullOrEmpty(feeText) || feeText.Length > MaxFeeTextLength)
        {
            problems.Add(new("invalid-fee-text", "feeText", $"Describe the fee in 1-{MaxFeeTextLength} characters."));
        }

        var phone = draft.OutOfHoursPhone?.Trim() ?? DefaultOutOfHoursPhone;
        if (!IsPhoneNumber(phone))
        {
            problems.Add(new("invalid-phone", "outOfHoursPhone", "Use 3-20 digits, optionally with spaces and a leading +."));
        }

        var links = ReadInfoLinks(draft.InfoLinks, problems);

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new NettlegePilot(municipality, draft.Enabled!.Value, from!.Value, to!.Value, hours!, slotLength!.Value, perHour!.Value,
            feeText!, phone, links), []);
    }

    /// <summary>
    /// The pilot in the shape it is written in (and read back through <see cref="Validate"/>): requests, responses and
    /// storage share it, so a stored configuration is checked by the same rules every time it is read.
    /// </summary>
    public static NettlegePilotDraft ToDraft(NettlegePilot pilot)
    {
        ArgumentNullException.ThrowIfNull(pilot);
        return new NettlegePilotDraft(
            pilot.Enabled,
            pilot.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            pilot.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            pilot.OpeningHours.Days.Select(d => new OpeningDraft(DayName(d.Day),
                d.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), d.Closes.ToString("HH:mm", CultureInfo.InvariantCulture))).ToList(),
            pilot.SlotLengthMinutes,
            pilot.ConsultationsPerHour,
            pilot.FeeText,
            pilot.OutOfHoursPhone,
            pilot.InfoLinks.Select(l => new InfoLinkDraft(l.Title, l.Url.AbsoluteUri)).ToList());
    }

    /// <summary>
    /// Why the pilot does not offer nettlege on an Europe/Oslo date, or null when it does: no pilot for the
    /// municipality (<c>no-pilot</c>), switched off (<c>pilot-disabled</c>), before its first day (<c>before-period</c>)
    /// or after its last day (<c>after-period</c>).
    /// </summary>
    public static string? WhyNotOffered(NettlegePilot? pilot, DateOnly osloDate) => pilot switch
    {
        null => NettlegeUnavailableReasons.NoPilot,
        { Enabled: false } => NettlegeUnavailableReasons.PilotDisabled,
        _ when osloDate < pilot.ValidFrom => NettlegeUnavailableReasons.BeforePeriod,
        _ when osloDate > pilot.ValidTo => NettlegeUnavailableReasons.AfterPeriod,
        _ => null,
    };

    private static DateOnly? ReadDate(string? raw, string field, List<FieldError> problems)
    {
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date >= EarliestDate && date <= LatestDate)
            {
                return date;
            }

            problems.Add(new("date-out-of-range", field, $"A pilot runs between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}."));
            return null;
        }

        problems.Add(new("invalid-date", field, "A date as yyyy-MM-dd is required."));
        return null;
    }

    private static int? ReadSlotLength(int? minutes, List<FieldError> problems)
    {
        // Slots tile the hour, so every hour of the day offers the same starts and capacity per hour is exact.
        if (minutes is int m && m >= MinSlotLengthMinutes && m <= MaxSlotLengthMinutes && 60 % m == 0)
        {
            return m;
        }

        problems.Add(new("invalid-slot-length", "slotLengthMinutes",
            $"Use a whole number of minutes from {MinSlotLengthMinutes} to {MaxSlotLengthMinutes} that divides the hour (5, 6, 10, 12, 15, 20, 30 or 60)."));
        return null;
    }

    private static int? ReadConsultationsPerHour(int? perHour, int? slotLength, List<FieldError> problems)
    {
        if (perHour is not int n || n < 1 || n > MaxConsultationsPerHour)
        {
            problems.Add(new("invalid-capacity", "consultationsPerHour", $"Use a whole number from 1 to {MaxConsultationsPerHour}."));
            return null;
        }

        // Every slot start gets the same number of parallel consultations: n per hour over 60/length starts.
        if (slotLength is int length && n % (60 / length) != 0)
        {
            problems.Add(new("capacity-not-multiple-of-slots", "consultationsPerHour",
                $"With {length}-minute slots an hour has {60 / length} slot starts; use a multiple of {60 / length}."));
            return null;
        }

        return n;
    }

    private static OpeningHours? ReadOpeningHours(IReadOnlyList<OpeningDraft>? drafts, int? slotLength, List<FieldError> problems)
    {
        if (drafts is null)
        {
            return OpeningHours.Default;
        }

        if (drafts.Count == 0)
        {
            problems.Add(new("opening-hours-empty", "openingHours",
                "Give at least one day, leave openingHours out for the default (every day 12:00-22:00), or set enabled to false."));
            return null;
        }

        var before = problems.Count;
        var days = new List<DailyOpening>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var field = $"openingHours[{i}]";
            var day = Array.IndexOf(DayNames, drafts[i].Day);
            if (day < 0)
            {
                problems.Add(new("invalid-day", field + ".day", "Use a weekday name: monday ... sunday."));
            }
            else if (days.Any(d => (int)d.Day == day))
            {
                problems.Add(new("day-repeated", field + ".day", $"{drafts[i].Day} is given more than once."));
            }

            var opens = ReadTime(drafts[i].Opens, field + ".opens", slotLength, problems);
            var closes = ReadTime(drafts[i].Closes, field + ".closes", slotLength, problems);
            if (opens is { } o && closes is { } c && c <= o)
            {
                problems.Add(new("closes-not-after-opens", field + ".closes", "Closing time must be after opening time on the same day."));
            }
            else if (day >= 0 && opens is { } open && closes is { } close)
            {
                days.Add(new DailyOpening((DayOfWeek)day, open, close));
            }
        }

        return problems.Count == before ? new OpeningHours(days) : null;
    }

    private static TimeOnly? ReadTime(string? raw, string field, int? slotLength, List<FieldError> problems)
    {
        if (!TimeOnly.TryParseExact(raw, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            problems.Add(new("invalid-time", field, "Use a time as HH:mm (Europe/Oslo)."));
            return null;
        }

        if (slotLength is int length && time.Minute % length != 0)
        {
            problems.Add(new("time-not-on-slot-boundary", field, $"With {length}-minute slots, times must fall on a slot start (minute divisible by {length})."));
            return null;
        }

        return time;
    }

    private static List<InfoLink> ReadInfoLinks(IReadOnlyList<InfoLinkDraft>? drafts, List<FieldError> problems)
    {
        var links = new List<InfoLink>();
        if (drafts is null)
        {
            return links;
        }

        if (drafts.Count > MaxInfoLinks)
        {
            problems.Add(new("too-many-info-links", "infoLinks", $"At most {MaxInfoLinks} links."));
            return links;
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var title = drafts[i].Title?.Trim();
            if (string.IsNullOrEmpty(title) || title.Length > MaxInfoLinkTitleLength)
            {
                problems.Add(new("invalid-info-link-title", $"infoLinks[{i}].title", $"A title of 1-{MaxInfoLinkTitleLength} characters is required."));
            }

            if (!Uri.TryCreate(drafts[i].Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add(new("invalid-info-link-url", $"infoLinks[{i}].url", "An absolute https URL is required."));
            }
            else if (!string.IsNullOrEmpty(title))
            {
                links.Add(new InfoLink(title, url));
            }
        }

        return links;
    }

    private static bool IsPhoneNumber(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        var rest = phone.Select((ch, i) => char.IsAsciiDigit(ch) || ch == ' ' || (ch == '+' && i == 0)).All(ok => ok);
        return rest && digits is >= 3 and <= 20;
    }
}

/// <summary>The stable codes of "why not" in an availability answer.</summary>
public static class NettlegeUnavailableReasons
{
    /// <summary>The person is not in the population register, so their municipality is unknown.</summary>
    public const string NotRegistered = "not-registered";

    public const string NoPilot = "no-pilot";
    public const string PilotDisabled = "pilot-disabled";
    public const string BeforePeriod = "before-period";
    public const string AfterPeriod = "after-period";

    /// <summary>The <c>Nettlege</c> feature is switched off in the app's configuration, for everyone.</summary>
    public const string FeatureOff = "feature-off";
}
