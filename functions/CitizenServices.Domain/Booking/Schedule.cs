using System.Text.RegularExpressions;

namespace CitizenServices.Domain.Booking;

/// <summary>
/// What kind of provider a schedule belongs to. The kind decides who may book on someone's behalf: a parent of a
/// 12–15 year old reaches only <see cref="Gp"/> and <see cref="Municipal"/> schedules.
/// </summary>
public enum ScheduleKind
{
    /// <summary>A regular GP (fastlege) office.</summary>
    Gp,

    /// <summary>A municipal health service, such as the nettlege (digital GP) pilot.</summary>
    Municipal,

    /// <summary>Specialist care (hospitals, outpatient clinics).</summary>
    Specialist,

    /// <summary>
    /// A municipality's nettlege (digital GP) video service: generated from the pilot configuration, never created by
    /// hand, and bookable only with a recent <c>nettlege</c> triage while the service is available for the person.
    /// </summary>
    Nettlege,
}

/// <summary>How a consultation happens.</summary>
public enum SlotChannel
{
    Video,
    InPerson,
    Phone,
}

public static class BookingNames
{
    public static string Name(this ScheduleKind kind) => kind switch
    {
        ScheduleKind.Gp => "gp",
        ScheduleKind.Municipal => "municipal",
        ScheduleKind.Nettlege => "nettlege",
        _ => "specialist",
    };

    public static string Name(this SlotChannel channel) => channel switch
    {
        SlotChannel.Video => "video",
        SlotChannel.InPerson => "in-person",
        _ => "phone",
    };

    public static bool TryParseKind(string? value, out ScheduleKind kind)
    {
        foreach (var candidate in Enum.GetValues<ScheduleKind>())
        {
            if (candidate.Name() == value)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static bool TryParseChannel(string? value, out SlotChannel channel)
    {
        foreach (var candidate in Enum.GetValues<SlotChannel>())
        {
            if (candidate.Name() == value)
            {
                channel = candidate;
                return true;
            }
        }

        channel = default;
        return false;
    }
}

/// <summary>
/// A bookable calendar: a GP office or a municipality's service. <see cref="CancellationDeadline"/> is how long before
/// a slot's start a citizen may still cancel or move it (elapsed time, so it is exact across daylight-saving changes).
/// </summary>
public sealed partial record Schedule(
    string Id,
    string Name,
    ScheduleKind Kind,
    string Municipality,
    TimeSpan CancellationDeadline,
    IReadOnlyList<SlotChannel> Channels)
{
    /// <summary>The policy default: cancel until 24 hours before the start.</summary>
    public static readonly TimeSpan DefaultCancellationDeadline = TimeSpan.FromHours(24);

    /// <summary>Schedule ids are chosen by the provider: 3–40 lowercase letters, digits and hyphens.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public bool IsPrimaryCare => Kind is ScheduleKind.Gp or ScheduleKind.Municipal or ScheduleKind.Nettlege;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
