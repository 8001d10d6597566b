using CitizenServices.Application.CareRelations.Inbox;
using CitizenServices.Domain.Errors;

namespace CitizenServices.Infrastructure.CareRelations;

/// <summary>
/// Reads a command from its wire format, JSON (schema <c>contracts/messages/care-relations-inbound.schema.json</c>): the
/// queue message (which names its <c>kind</c>) and the API bodies (whose kind, relation id and municipality come from the
/// route and the token) share this reader, so both channels accept the same fields.
/// </summary>
public static partial class CareRelationCommandReader
{
    public const int MaxDecisionReferenceLength = 100;
    public const int MaxReasonLength = 500;
    public const int MaxInstitutionNameLength = 200;

    /// <summary>
    /// The calendar a decision's days (<c>validFrom</c>, <c>validTo</c>, <c>endDate</c>) must fall in. Nothing in child
    /// welfare starts before 1900 or is decided to last past 2199, and keeping every date well inside the calendar means the
    /// arithmetic on it (Oslo midnight after the last day, the day before the first, ages) can never overflow.
    /// </summary>
    public static DateOnly EarliestDate { get; } = new(1900, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static DateOnly LatestDate { get; } = new(2199, 12, 31);

    public static IReadOnlyDictionary<string, FosterCareLegalBasis> LegalBases { get; } = new Dictionary<string, FosterCareLegalBasis>(StringComparer.Ordinal)
    {
        ["voluntary-placement"] = FosterCareLegalBasis.VoluntaryPlacement,
        ["care-order"] = FosterCareLegalBasis.CareOrder,
        ["emergency-placement"] = FosterCareLegalBasis.EmergencyPlacement,
    };

    public static IReadOnlyDictionary<string, CareRelationCommandKind> Kinds { get; } = new Dictionary<string, CareRelationCommandKind>(StringComparer.Ordinal)
    {
        ["register"] = CareRelationCommandKind.Register,
        ["change"] = CareRelationCommandKind.Change,
        ["end"] = CareRelationCommandKind.End,
    };

    public static string Name(this FosterCareLegalBasis basis) => LegalBases.First(b => b.Value == basis).Key;

    public static string Name(this CareRelationCommandKind kind) => Kinds.First(k => k.Value == kind).Key;

    /// <summary>What the route, the token or the message envelope decide instead of the body.</summary>
    /// <param name="Version">Null: read <c>version</c> from the body.</param>
    /// <param name="Child">Null: read <c>child</c> from the body.</param>
    public sealed record Given(
        CareRelationCommandKind Kind, Guid? RelationId, string? Municipality, int? Version, string ChangedBy, string Channel,
        NationalIdentityNumber? Child = null);

    /// <summary>
    /// Reads a queue message's body for <see cref="ReceiveCareRelationCommandHandler"/>: the command, or why not with the
    /// ids a reply needs where they can be read. Reading is pure (no I/O), so any fault in it is the message's own and would
    /// repeat on every redelivery; it is caught here rather than left to fail the invocation.
    /// </summary>
    public static CareRelationMessage ReadMessage(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var error = ReadMessage(root, out var commandId, out var command);
            // Echoed in the reply only when it is a kommunenummer: anything else may not even be encodable.
            var municipality = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("municipality", out var m) && m.ValueKind == JsonValueKind.String
                && m.GetString() is { Length: 4 } text && text.All(char.IsAsciiDigit) ? text : null;
            return new CareRelationMessage(command, error, commandId == Guid.Empty ? CommandIdOf(root) : commandId, ChildOf(root), municipality);
        }
        catch (JsonException)
        {
            return CareRelationMessage.Unreadable("The body is not JSON.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return CareRelationMessage.Unreadable("The body cannot be read: " + MessageFaults.Reason("read", exception));
        }
    }

    /// <summary>Reads a queue message: <c>schemaVersion</c> 1, <c>kind</c>, <c>relationId</c> and <c>municipality</c> from the body.</summary>
    public static Error? ReadMessage(JsonElement root, out Guid commandId, out CareRelationCommand? command)
    {
        command = null;
        commandId = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Error.BadRequest("body", "The body is not a JSON object.");
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number
            || !version.TryGetInt32(out var v) || v != 1)
        {
            return Error.BadRequest("schemaVersion", "schemaVersion must be 1.");
        }

        if (Uuid(root, "commandId", required: true, out var id) is { } e1)
        {
            return e1;
        }

        commandId = id!.Value;
        if (Text(root, "kind", out var kindText) is { } e2)
        {
            return e2;
        }

        if (!Kinds.TryGetValue(kindText!, out var kind))
        {
            return Error.BadRequest("kind", $"kind must be one of {string.Join(", ", Kinds.Keys)}.");
        }

        if (Uuid(root, "relationId", required: kind != CareRelationCommandKind.Register, out var relationId) is { } e3)
        {
            return e3;
        }

        if (Text(root, "municipality", out var municipality) is { } e4)
        {
            return e4;
        }

        return Read(root, new Given(kind, relationId, municipality, null, "case-system", "case-system-queue"), out command);
    }

    /// <summary>Reads the command id from a message, when it can, whatever else is wrong: the reply to a rejected command carries it.</summary>
    public static Guid? CommandIdOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("commandId", out var id)
        && Guid.TryParseExact(Str(id), "D", out var parsed) && parsed != Guid.Empty ? parsed : null;

    /// <summary>Reads the child from a message, when it can: the reply to a rejected command is filed under the child.</summary>
    public static NationalIdentityNumber? ChildOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("child", out var child) && child.ValueKind == JsonValueKind.String
        && NationalIdentityNumber.TryParse(Str(child), out var id) ? id : null;

    public static Error? Read(JsonElement root, Given given, out CareRelationCommand? command)
    {
        ArgumentNullException.ThrowIfNull(given);
        command = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Error.BadRequest("body", "The body is not a JSON object.");
        }

        var child = given.Child ?? default;
        if (given.Child is null && Number(root, "child", out child) is { } e1)
        {
            return e1;
        }

        // A change may restate the child; it cannot name another one.
        if (given.Child is { } known && root.TryGetProperty("child", out var stated) && stated.ValueKind != JsonValueKind.Null)
        {
            if (Number(root, "child", out var statedChild) is { } restated)
            {
                return restated;
            }

            if (statedChild != known)
            {
                return Error.BadRequest("child", "child is the relation's child and cannot change; leave it out or restate it.");
            }
        }

        var version = given.Version ?? 0;
        if (given.Version is null && Version(root, out version) is { } e0)
        {
            return e0;
        }

        if (Text(root, "decisionReference", out var reference) is { } e2)
        {
            return e2;
        }

        if (string.IsNullOrWhiteSpace(reference) || reference!.Length > MaxDecisionReferenceLength)
        {
            return Error.BadRequest("decisionReference", $"decisionReference must be 1-{MaxDecisionReferenceLength} characters.");
        }

        if (PlainText("decisionReference", reference) is { } e2b)
        {
            return e2b;
        }

        if (given.Municipality is not { } municipality || !Kommunenummer().IsMatch(municipality))
        {
            return Error.BadRequest("municipality", "municipality must be a 4-digit kommunenummer.");
        }

        if (given.Kind == CareRelationCommandKind.End)
        {
            if (Date(root, "endDate", required: true, out var endDate) is { } e3)
            {
                return e3;
            }

            if (Text(root, "reason", out var reason) is { } e4)
            {
                return e4;
            }

            if (string.IsNullOrWhiteSpace(reason) || reason!.Length > MaxReasonLength)
            {
                return Error.BadRequest("reason", $"reason must be 1-{MaxReasonLength} characters.");
            }

            if (PlainText("reason", reason, multiline: true) is { } e4b)
            {
                return e4b;
            }

            command = new CareRelationCommand
            {
                Kind = given.Kind, RelationId = given.RelationId, Child = child, Version = version, DecisionReference = reference,
                Municipality = municipality, EndDate = endDate, EndReason = reason, ChangedBy = given.ChangedBy, Channel = given.Channel,
            };
            return null;
        }

        if (Text(root, "legalBasis", out var basisText) is { } e5)
        {
            return e5;
        }

        if (!LegalBases.TryGetValue(basisText!, out var basis))
        {
            return Error.BadRequest("legalBasis", $"legalBasis must be one of {string.Join(", ", LegalBases.Keys)}.");
        }

        if (FosterParents(root, out var fosterParents) is { } e6)
        {
            return e6;
        }

        if (Institution(root, out var institution) is { } e7)
        {
            return e7;
        }

        if (Date(root, "validFrom", required: true, out var validFrom) is { } e8)
        {
            return e8;
        }

        if (Date(root, "validTo", required: false, out var validTo) is { } e9)
        {
            return e9;
        }

        if (Scopes(root, out var scopes) is { } e10)
        {
            return e10;
        }

        bool? keeps = null;
        if (root.TryGetProperty("parentsKeepDigitalAccess", out var keepsElement) && keepsElement.ValueKind != JsonValueKind.Null)
        {
            if (keepsElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Error.BadRequest("parentsKeepDigitalAccess", "parentsKeepDigitalAccess must be true or false.");
            }

            keeps = keepsElement.GetBoolean();
        }

        command = new CareRelationCommand
        {
            Kind = given.Kind, RelationId = given.RelationId, Child = child, Version = version, DecisionReference = reference,
            Municipality = municipality, LegalBasis = basis, FosterParents = fosterParents, Institution = institution,
            ValidFrom = validFrom, ValidTo = validTo, DelegatedScopes = scopes, ParentsKeepDigitalAccess = keeps,
            ChangedBy = given.ChangedBy, Channel = given.Channel,
        };
        return null;
    }

    private static Error? FosterParents(JsonElement root, out IReadOnlyList<NationalIdentityNumber> parents)
    {
        parents = [];
        if (!root.TryGetProperty("fosterParents", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return Error.BadRequest("fosterParents", "fosterParents must be an array of national identity numbers.");
        }

        var list = new List<NationalIdentityNumber>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !NationalIdentityNumber.TryParse(Str(item), out var id))
            {
                return Error.BadRequest($"fosterParents[{index}]", "Not a valid national identity number (11 digits).");
            }

            list.Add(id);
            index++;
        }

        parents = list;
        return null;
    }

    private static Error? Institution(JsonElement root, out CareInstitution? institution)
    {
        institution = null;
        if (!root.TryGetProperty("institution", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("organizationNumber", out var number) || number.ValueKind != JsonValueKind.String
            || Str(number) is not { } organizationNumber || !OrganizationNumber().IsMatch(organizationNumber))
        {
            return Error.BadRequest("institution.organizationNumber", "institution.organizationNumber must be a 9-digit organisation number.");
        }

        if (!element.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(Str(name)) || Str(name)!.Length > MaxInstitutionNameLength)
        {
            return Error.BadRequest("institution.name", $"institution.name must be 1-{MaxInstitutionNameLength} characters.");
        }

        if (PlainText("institution.name", Str(name)!) is { } invalidName)
        {
            return invalidName;
        }

        institution = new CareInstitution(Str(number)!, Str(name)!);
        return null;
    }

    private static Error? Scopes(JsonElement root, out IReadOnlyList<Scope> scopes)
    {
        scopes = [];
        if (!root.TryGetProperty("delegatedScopes", out var element) || element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return Error.BadRequest("delegatedScopes", "delegatedScopes must be a non-empty array.");
        }

        var list = new List<Scope>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !CareRelationScopes.TryParse(Str(item), out var scope))
            {
                return Error.BadRequest($"delegatedScopes[{index}]",
                    $"Must be one of {string.Join(", ", CareRelationScopes.Delegable.Select(s => s.Value))}; consents, representation and access-log are never delegated.");
            }

            if (!list.Contains(scope))
            {
                list.Add(scope);
            }

            index++;
        }

        scopes = list.OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
        return null;
    }

    private static Error? Text(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return Error.BadRequest(name, $"{name} is required and must be a string.");
        }

        value = Str(element);
        return value is null ? Error.BadRequest(name, $"{name} must be text without unpaired surrogates.") : null;
    }

    private static Error? Uuid(JsonElement root, string name, bool required, out Guid? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Error.BadRequest(name, $"{name} is required for this kind.") : null;
        }

        if (element.ValueKind != JsonValueKind.String || !Guid.TryParseExact(Str(element), "D", out var parsed))
        {
            return Error.BadRequest(name, $"{name} must be a UUID.");
        }

        value = parsed;
        return null;
    }

    private static Error? Number(JsonElement root, string name, out NationalIdentityNumber value)
    {
        value = default;
        if (Text(root, name, out var text) is { } error)
        {
            return error;
        }

        return NationalIdentityNumber.TryParse(text, out value) ? null : Error.BadRequest(name, $"{name} must be a valid national identity number (11 digits).");
    }

    /// <summary>A JSON integer from 1: a string, boolean, object or fraction is not a version.</summary>
    private static Error? Version(JsonElement root, out int version)
    {
        version = 0;
        if (!root.TryGetProperty("version", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Error.BadRequest("version", "version is required: the version this change creates (1 for a registration).");
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out version) || version < 1)
        {
            version = 0;
            return Error.BadRequest("version", "version must be an integer from 1: the version this change creates (1 for a registration).");
        }

        return null;
    }

    private static Error? Date(JsonElement root, string name, bool required, out DateOnly? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? Error.BadRequest(name, $"{name} is required.") : null;
        }

        if (element.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(Str(element), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Error.BadRequest(name, $"{name} must be a date (yyyy-MM-dd).");
        }

        if (date < EarliestDate || date > LatestDate)
        {
            return Error.BadRequest(name, $"{name} must be between {Iso(EarliestDate)} and {Iso(LatestDate)}.");
        }

        value = date;
        return null;
    }

    /// <summary>
    /// Free text is shown to caseworkers and written to storage and events: no control characters, no bidirectional
    /// overrides (which make text read differently from what it says), and no half of a surrogate pair (which no UTF-8
    /// writer can encode, so the row or the reply event could never be written).
    /// </summary>
    private static Error? PlainText(string name, string text, bool multiline = false) =>
        FreeText.IsClean(text, multiline)
            ? null
            : Error.BadRequest(name, $"{name} must not contain control characters{(multiline ? " other than line breaks" : string.Empty)}, bidirectional overrides or unpaired surrogates.");

    /// <summary>
    /// A string value, or null when it is not a string or holds an escaped half of a surrogate pair, which
    /// <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    private static string? Str(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Kommunenummer();

    [GeneratedRegex("^[0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationNumber();
}
