namespace CitizenServices.Domain.Time;

/// <summary>
/// Europe/Oslo time: the calendar every age, opening hour and deadline rule is decided in. Instants are stored
/// in UTC; converting through here keeps daylight-saving changes (last Sunday of March and October) correct.
/// </summary>
public static class NorwegianTime
{
    public const string ZoneId = "Europe/Oslo";

    /// <summary>
    /// The Europe/Oslo zone by its IANA id, which .NET resolves on Linux (tzdata) and on Windows (via ICU).
    /// </summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>Today's calendar date in Norway, whatever the server's own time zone.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(ToOslo(time.GetUtcNow()).DateTime);
    }

    /// <summary>The same instant expressed with the Oslo offset (+01:00 in winter, +02:00 in summer).</summary>
    public static DateTimeOffset ToOslo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Converts an Oslo wall-clock date and time to the UTC instant it denotes.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time) =>
        ToUtc(date.ToDateTime(time, DateTimeKind.Unspecified));

    /// <summary>Converts an Oslo wall-clock time (<see cref="DateTimeKind.Unspecified"/>) to UTC.</summary>
    /// <remarks>
    /// A time in the spring gap (02:00–02:59 on the last Sunday of March) does not exist; it is read with the
    /// offset in force before the change, which moves it forward by the gap (02:30 becomes 03:30 summer time),
    /// so a slot or opening hour there still happens instead of failing. A time in the autumn overlap
    /// (02:00–02:59 on the last Sunday of October) happens twice; the earlier, summer-time instant is chosen
    /// so a deadline is never silently pushed an hour later than the citizen read it.
    /// </remarks>
    public static DateTimeOffset ToUtc(DateTime osloLocal)
    {
        if (osloLocal.Kind != DateTimeKind.Unspecified)
        {
            throw new ArgumentException(
                $"Expected an Oslo wall-clock time with DateTimeKind.Unspecified, got {osloLocal.Kind}.", nameof(osloLocal));
        }

        TimeSpan offset;
        if (Zone.IsInvalidTime(osloLocal))
        {
            // Transitions in Oslo are months apart, so a day earlier is always on the pre-gap offset.
            offset = Zone.GetUtcOffset(osloLocal.AddDays(-1));
        }
        else if (Zone.IsAmbiguousTime(osloLocal))
        {
            // The larger offset gives the earlier instant.
            offset = Zone.GetAmbiguousTimeOffsets(osloLocal).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(osloLocal);
        }

        return new DateTimeOffset(osloLocal, offset).ToUniversalTime();
    }
}
