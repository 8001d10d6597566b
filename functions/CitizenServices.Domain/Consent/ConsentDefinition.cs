namespace CitizenServices.Domain.Consent;

/// <summary>
/// What a definition asks of the person: <see cref="Consent"/> is opt-in, <see cref="Reservation"/> opt-out and
/// <see cref="Restriction"/> blocks or limits access.
/// </summary>
public enum ConsentKind
{
    Consent,
    Reservation,
    Restriction,
}

/// <summary>A definition's version, <c>major.minor</c>. A new major version needs a new decision; a minor does not.</summary>
public readonly record struct ConsentVersion(int Major, int Minor) : IComparable<ConsentVersion>
{
    public static bool TryParse(string? text, out ConsentVersion version)
    {
        version = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major < 1 || parts[0].Length > 4 || parts[1].Length > 4)
        {
            return false;
        }

        version = new ConsentVersion(major, minor);
        return true;
    }

    public int CompareTo(ConsentVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ConsentVersion left, ConsentVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ConsentVersion left, ConsentVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ConsentVersion left, ConsentVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ConsentVersion left, ConsentVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}

/// <summary>One published version of a definition: its text is the document whose SHA-256 is <see cref="TextSha256"/>.</summary>
public sealed record ConsentDefinitionVersion(ConsentVersion Version, DateOnly Published, string TextSha256);

/// <summary>
/// A consent, reservation or restriction the person can decide on. <see cref="MinimumAge"/> is the youngest person it
/// applies to (a research study for adults is 18). <see cref="Versions"/> are in ascending order; the last is current.
/// </summary>
public sealed record ConsentDefinition(
    string Id, ConsentKind Kind, string Title, string Purpose, string Owner, int MinimumAge, IReadOnlyList<ConsentDefinitionVersion> Versions)
{
    public ConsentDefinitionVersion Current => Versions[^1];

    public ConsentDefinitionVersion? Find(ConsentVersion version) => Versions.FirstOrDefault(v => v.Version == version);
}

public static class ConsentKinds
{
    public static string Name(this ConsentKind kind) => kind switch
    {
        ConsentKind.Consent => "consent",
        ConsentKind.Reservation => "reservation",
        ConsentKind.Restriction => "restriction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown consent kind."),
    };

    public static bool TryParse(string? name, out ConsentKind kind) => WireNames.TryParse(name, Name, out kind);
}

/// <summary>Reads an enum value by the name it has on the wire and in storage.</summary>
internal static class WireNames
{
    public static bool TryParse<T>(string? name, Func<T, string> nameOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (nameOf(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
