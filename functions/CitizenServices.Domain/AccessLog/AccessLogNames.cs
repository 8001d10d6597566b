namespace CitizenServices.Domain.AccessLog;

/// <summary>
/// The stable names of the enums as they are hashed and stored. Never derived from the C# member names, so that
/// renaming a member cannot silently change every hash.
/// </summary>
public static class AccessLogNames
{
    public static string Of(AccessLogActorKind kind) => kind switch
    {
        AccessLogActorKind.Person => "person",
        AccessLogActorKind.Workforce => "workforce",
        AccessLogActorKind.System => "system",
        AccessLogActorKind.Organisation => "organisation",
        AccessLogActorKind.HealthPersonnel => "health-personnel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(AccessLogAccessKind kind) => kind switch
    {
        AccessLogAccessKind.Read => "read",
        AccessLogAccessKind.Write => "write",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseActorKind(string? name, out AccessLogActorKind kind)
    {
        (var ok, kind) = name switch
        {
            "person" => (true, AccessLogActorKind.Person),
            "workforce" => (true, AccessLogActorKind.Workforce),
            "system" => (true, AccessLogActorKind.System),
            "organisation" => (true, AccessLogActorKind.Organisation),
            "health-personnel" => (true, AccessLogActorKind.HealthPersonnel),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseAccessKind(string? name, out AccessLogAccessKind kind)
    {
        (var ok, kind) = name switch
        {
            "read" => (true, AccessLogAccessKind.Read),
            "write" => (true, AccessLogAccessKind.Write),
            _ => (false, default),
        };
        return ok;
    }
}
