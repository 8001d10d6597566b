namespace CitizenServices.Functions.Time;

/// <summary>
/// Every age, opening hour and deadline is decided in Europe/Oslo time (<see cref="NorwegianTime"/>), and .NET on Linux
/// reads time zones from the host's tz database (/usr/share/zoneinfo, or $TZDIR). Whether the Flex Consumption image
/// has it is not ours to decide, so the handler carries Europe/Oslo itself (tzdata/, copied from IANA tzdata 2025b) and
/// proves at start-up, before anything reads the zone, that it resolves with the right offsets: from the host if it
/// can, else from the bundled copy, else it refuses to start. A wrong zone would silently shift every rule by an hour.
/// </summary>
/// <remarks>
/// The handler runs with invariant globalization (no ICU at all, see the project file): nothing in it is
/// culture-dependent, and time zones on Linux do not need ICU.
/// </remarks>
public static class TimeZoneGuard
{
    /// <summary>Environment variable naming another folder to use instead of the bundled one (tests).</summary>
    public const string BundledDirectoryVariable = "TimeZones__BundledDataDirectory";

    /// <summary>The variable .NET reads for the tz database folder.</summary>
    public const string TzDirVariable = "TZDIR";

    public static string BundledDirectory =>
        Environment.GetEnvironmentVariable(BundledDirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "tzdata");

    /// <summary>Makes Europe/Oslo resolve, or throws; returns where it came from ("host" or "bundled").</summary>
    public static string EnsureEuropeOslo()
    {
        if (Check() is not { } hostProblem)
        {
            return "host";
        }

        // .NET reads TZDIR on every lookup that misses its cache, and a failed lookup is not cached.
        var previous = Environment.GetEnvironmentVariable(TzDirVariable);
        Environment.SetEnvironmentVariable(TzDirVariable, BundledDirectory);
        if (Check() is not { } bundledProblem)
        {
            return "bundled";
        }

        Environment.SetEnvironmentVariable(TzDirVariable, previous);
        throw new InvalidOperationException(
            $"{NorwegianTime.ZoneId} does not resolve, so every age, opening hour and deadline would be wrong; refusing to start. " +
            $"From the host's tz database ({previous ?? "/usr/share/zoneinfo"}): {hostProblem} " +
            $"From the bundled copy ({BundledDirectory}): {bundledProblem}");
    }

    /// <summary>Null when the zone resolves and behaves like Europe/Oslo; otherwise what is wrong.</summary>
    private static string? Check()
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(NorwegianTime.ZoneId);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException or IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }

        // Winter +01:00, summer +02:00, and the change at 01:00 UTC on the last Sunday of March, in a year well ahead so a
        // data file that stops at its last listed transition (no rule for the future) is caught too.
        var year = DateTime.UtcNow.Year + 10;
        var lastSundayOfMarch = new DateTime(year, 3, 31, 0, 0, 0, DateTimeKind.Utc);
        lastSundayOfMarch = lastSundayOfMarch.AddDays(-(int)lastSundayOfMarch.DayOfWeek);
        var checks = new (DateTime Utc, TimeSpan Offset)[]
        {
            (new DateTime(year, 1, 15, 12, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1)),
            (new DateTime(year, 7, 15, 12, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(2)),
            (lastSundayOfMarch.AddHours(1).AddMinutes(-1), TimeSpan.FromHours(1)),
            (lastSundayOfMarch.AddHours(1), TimeSpan.FromHours(2)),
        };
        foreach (var (utc, offset) in checks)
        {
            if (zone.GetUtcOffset(utc) != offset)
            {
                return $"at {utc:yyyy-MM-dd HH:mm}Z it gives {zone.GetUtcOffset(utc)} instead of {offset}.";
            }
        }

        return null;
    }
}
