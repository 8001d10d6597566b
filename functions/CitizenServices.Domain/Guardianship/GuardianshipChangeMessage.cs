using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenServices.Domain.Identity;

namespace CitizenServices.Domain.Guardianship;

/// <summary>What happened to a guardianship, as the register feed names it.</summary>
public enum GuardianshipChangeKind
{
    Appointed,
    MandateChanged,
    Ended,
}

/// <summary>
/// One message of the population register's guardianship feed (queue <c>guardianship-inbound</c>; schema
/// <c>contracts/messages/guardianship-inbound.schema.json</c>). Every message carries the guardianship's full state
/// after the change, so a change can be applied without the ones before it, whatever order they arrive in.
/// </summary>
public sealed record GuardianshipChangeMessage
{
    public const int SchemaVersion = 1;

    /// <summary>The register's id of this change: the same change delivered twice has the same id.</summary>
    public required Guid ChangeId { get; init; }

    public required GuardianshipChangeKind Kind { get; init; }

    public required Guid GuardianshipId { get; init; }

    public required NationalIdentityNumber Ward { get; init; }

    public required NationalIdentityNumber Guardian { get; init; }

    /// <summary>Required unless <see cref="Kind"/> is <see cref="GuardianshipChangeKind.Ended"/>.</summary>
    public required IReadOnlyList<MandateArea> Mandate { get; init; }

    /// <summary>Required unless <see cref="Kind"/> is <see cref="GuardianshipChangeKind.Ended"/>.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day (inclusive); required for <see cref="GuardianshipChangeKind.Ended"/>.</summary>
    public DateOnly? ValidTo { get; init; }

    public required string DecisionReference { get; init; }

    /// <summary>When the register recorded the change: orders changes that Service Bus may deliver out of order.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>
/// Reads and validates a feed message with the rules of its JSON schema, plus what a schema cannot say (valid
/// identity numbers by their control digits, ward and guardian differ, ordered periods). Reasons name fields, never
/// their values, so they are safe to log and to keep with a parked message.
/// </summary>
public static partial class GuardianshipFeed
{
    public const int MaxDecisionReferenceLength = 100;

    private static readonly Dictionary<string, GuardianshipChangeKind> Kinds = new(StringComparer.Ordinal)
    {
        ["appointed"] = GuardianshipChangeKind.Appointed,
        ["mandate-changed"] = GuardianshipChangeKind.MandateChanged,
        ["ended"] = GuardianshipChangeKind.Ended,
    };

    public static string Name(this GuardianshipChangeKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static bool TryParse(ReadOnlySpan<byte> body, out GuardianshipChangeMessage? message, out string? error)
    {
        message = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            error = "The body is not JSON.";
            return false;
        }

        using (document)
        {
            error = Read(document.RootElement, out message);
            return error is null;
        }
    }

    private static string? Read(JsonElement root, out GuardianshipChangeMessage? message)
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The body is not a JSON object.";
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            return "schemaVersion is required and must be a number.";
        }

        if (!version.TryGetInt32(out var v) || v != GuardianshipChangeMessage.SchemaVersion)
        {
            return $"Unknown schemaVersion {version.GetRawText()}; this build reads version {GuardianshipChangeMessage.SchemaVersion}.";
        }

        if (Uuid(root, "changeId", out var changeId) is { } e1)
        {
            return e1;
        }

        if (Text(root, "kind", out var kindText) is { } e2)
        {
            return e2;
        }

        if (!Kinds.TryGetValue(kindText!, out var kind))
        {
            return $"kind must be one of {string.Join(", ", Kinds.Keys)}.";
        }

        if (Uuid(root, "guardianshipId", out var guardianshipId) is { } e3)
        {
            return e3;
        }

        if (Number(root, "ward", out var ward) is { } e4)
        {
            return e4;
        }

        if (Number(root, "guardian", out var guardian) is { } e5)
        {
            return e5;
        }

        if (ward == guardian)
        {
            return "ward and guardian must be different people.";
        }

        var ends = kind == GuardianshipChangeKind.Ended;
        if (Mandate(root, required: !ends, out var mandate) is { } e6)
        {
            return e6;
        }

        if (Date(root, "validFrom", required: !ends, nullable: false, out var validFrom) is { } e7)
        {
            return e7;
        }

        if (Date(root, "validTo", required: ends, nullable: !ends, out var validTo) is { } e8)
        {
            return e8;
        }

        if (validFrom is { } from && validTo is { } to && to < from)
        {
            return "validTo must not be before validFrom.";
        }

        if (Text(root, "decisionReference", out var reference) is { } e9)
        {
            return e9;
        }

        if (reference!.Length > MaxDecisionReferenceLength || string.IsNullOrWhiteSpace(reference))
        {
            return $"decisionReference must be 1-{MaxDecisionReferenceLength} characters.";
        }

        if (Text(root, "registeredAt", out var registeredText) is { } e10)
        {
            return e10;
        }

        // An instant without an offset would be read in the server's zone: require one, as the schema's date-time does.
        if (!InstantPattern().IsMatch(registeredText!)
            || !DateTimeOffset.TryParse(registeredText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var registeredAt))
        {
            return "registeredAt must be an RFC 3339 date-time with an offset.";
        }

        message = new GuardianshipChangeMessage
        {
            ChangeId = changeId,
            Kind = kind,
            GuardianshipId = guardianshipId,
            Ward = ward,
            Guardian = guardian,
            Mandate = mandate,
            ValidFrom = validFrom,
            ValidTo = validTo,
            DecisionReference = reference,
            RegisteredAt = registeredAt,
        };
        return null;
    }

    private static string? Text(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return $"{name} is required and must be a string.";
        }

        value = element.GetString();
        return null;
    }

    private static string? Uuid(JsonElement root, string name, out Guid value)
    {
        value = default;
        if (Text(root, name, out var text) is { } error)
        {
            return error;
        }

        return UuidPattern().IsMatch(text!) && Guid.TryParse(text, out value) ? null : $"{name} must be a UUID.";
    }

    private static string? Number(JsonElement root, string name, out NationalIdentityNumber value)
    {
        value = default;
        if (Text(root, name, out var text) is { } error)
        {
            return error;
        }

        return NationalIdentityNumber.TryParse(text, out value) ? null : $"{name} must be a valid national identity number (11 digits).";
    }

    private static string? Mandate(JsonElement root, bool required, out IReadOnlyList<MandateArea> mandate)
    {
        mandate = [];
        if (!root.TryGetProperty("mandate", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? "mandate is required for this kind." : null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return "mandate must be a non-empty array.";
        }

        var areas = new List<MandateArea>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !MandateAreas.TryParse(item.GetString(), out var area))
            {
                return $"mandate[{index}] must be one of {string.Join(", ", MandateAreas.Names)}.";
            }

            if (areas.Contains(area))
            {
                return $"mandate[{index}] repeats an area.";
            }

            areas.Add(area);
            index++;
        }

        mandate = areas.Order().ToList();
        return null;
    }

    private static string? Date(JsonElement root, string name, bool required, bool nullable, out DateOnly? value)
    {
        value = null;
        var present = root.TryGetProperty(name, out var element);
        if (!present || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                return $"{name} is required for this kind.";
            }

            if (!present || nullable)
            {
                return null;
            }
        }

        if (element.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"{name} must be a date (yyyy-MM-dd).";
        }

        value = date;
        return null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
