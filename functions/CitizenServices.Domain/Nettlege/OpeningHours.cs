namespace CitizenServices.Domain.Nettlege;

/// <summary>One weekday's opening, as Europe/Oslo wall-clock times: open from <see cref="Opens"/> until, not including, <see cref="Closes"/>.</summary>
public sealed record DailyOpening(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// When a municipality's nettlege takes consultations, per weekday, in Europe/Oslo wall-clock time. Instants are
/// converted through <see cref="NorwegianTime"/>, so 12:00 means noon in Oslo on both sides of a daylight-saving change
/// (a fixed UTC window, like the feature-management time window filter, would be an hour off half the year).
/// </summary>
public sealed class OpeningHours
{
    /// <summary>The pilot's default: every day of the year, 12:00–22:00 Europe/Oslo.</summary>
    public static readonly TimeOnly DefaultOpens = new(12, 0);

    public static readonly TimeOnly DefaultCloses = new(22, 0);

    private readonly Dictionary<DayOfWeek, DailyOpening> _byDay;

    public OpeningHours(IEnumerable<DailyOpening> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        _byDay = days.ToDictionary(d => d.Day);
        if (_byDay.Values.Any(d => d.Opens >= d.Closes))
        {
            throw new ArgumentException("Every opening must close after it opens, on the same day.", nameof(days));
        }
    }

    public static OpeningHours Default { get; } =
        new(Enum.GetValues<DayOfWeek>().Select(d => new DailyOpening(d, DefaultOpens, DefaultCloses)));

    /// <summary>The days it is open, Monday first (Norwegian week order).</summary>
    public IReadOnlyList<DailyOpening> Days =>
        _byDay.Values.OrderBy(d => ((int)d.Day + 6) % 7).ToList();

    /// <summary>The opening on an Oslo calendar date as UTC instants [start, end), or null when closed that day.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? On(DateOnly osloDate) =>
        _byDay.TryGetValue(osloDate.DayOfWeek, out var day)
            ? (NorwegianTime.ToUtc(osloDate, day.Opens), NorwegianTime.ToUtc(osloDate, day.Closes))
            : null;

    /// <summary>True when <paramref name="instant"/> falls in the opening of its own Oslo date.</summary>
    public bool IsOpenAt(DateTimeOffset instant)
    {
        var date = DateOnly.FromDateTime(NorwegianTime.ToOslo(instant).DateTime);
        return On(date) is { } window && instant >= window.Start && instant < window.End;
    }

    /// <summary>
    /// The start of the first opening that begins after <paramref name="instant"/> (the current one, if open, does not
    /// count), on a date up to <paramref name="lastDate"/>; null when there is none.
    /// </summary>
    public DateTimeOffset? NextOpeningAfter(DateTimeOffset instant, DateOnly lastDate)
    {
        var date = DateOnly.FromDateTime(NorwegianTime.ToOslo(instant).DateTime);
        for (; date <= lastDate; date = date.AddDays(1))
        {
            if (On(date) is { } window && window.Start > instant)
            {
                return window.Start;
            }

            if (_byDay.Count == 0)
            {
                return null;
            }
        }

        return null;
    }
}
