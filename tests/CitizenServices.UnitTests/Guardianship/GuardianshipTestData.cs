using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Domain.Guardianship;
using CitizenServices.Domain.Identity;
using CitizenServices.Domain.Time;

namespace CitizenServices.UnitTests.Guardianship;

internal static class GuardianshipTestData
{
    /// <summary>Per Moe in the seed: the ward.</summary>
    public static readonly NationalIdentityNumber Ward = NationalIdentityNumber.Parse("17909032172");

    /// <summary>Astrid Lie in the seed: his guardian.</summary>
    public static readonly NationalIdentityNumber Guardian = NationalIdentityNumber.Parse("01926642231");

    /// <summary>Erik Dahl in the seed: someone else.</summary>
    public static readonly NationalIdentityNumber Other = NationalIdentityNumber.Parse("12897516193");

    public static readonly Guid GuardianshipId = Guid.Parse("7c1e9a52-3b4d-4f60-8e21-5a9d0c3b7f18");

    public static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant on an Oslo wall clock.</summary>
    public static DateTimeOffset Oslo(string date, int hour, int minute = 0) => NorwegianTime.ToUtc(Date(date), new TimeOnly(hour, minute));

    /// <summary>A valid "appointed" message as JSON; tests change one field at a time.</summary>
    public static JsonObject Appointed(string? validTo = null, string registeredAt = "2026-03-01T08:00:00+01:00") => new()
    {
        ["schemaVersion"] = 1,
        ["changeId"] = Guid.NewGuid().ToString(),
        ["kind"] = "appointed",
        ["guardianshipId"] = GuardianshipId.ToString(),
        ["ward"] = Ward.Value,
        ["guardian"] = Guardian.Value,
        ["mandate"] = new JsonArray("personal", "health"),
        ["validFrom"] = "2026-03-01",
        ["validTo"] = validTo,
        ["decisionReference"] = "SFVL 2026/0042",
        ["registeredAt"] = registeredAt,
    };

    public static GuardianshipChangeMessage Parse(JsonObject json)
    {
        Assert.True(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(json.ToJsonString()), out var message, out var error), error);
        return message!;
    }

    public static GuardianshipChangeMessage Message(
        GuardianshipChangeKind kind, string registeredAt, string? validFrom = "2026-03-01", string? validTo = null, params MandateArea[] mandate) => new()
    {
        ChangeId = Guid.NewGuid(),
        Kind = kind,
        GuardianshipId = GuardianshipId,
        Ward = Ward,
        Guardian = Guardian,
        Mandate = mandate.Length == 0 && kind != GuardianshipChangeKind.Ended ? [MandateArea.Health] : mandate,
        ValidFrom = ValidFromOrNull(validFrom),
        ValidTo = validTo is null ? null : Date(validTo),
        DecisionReference = "SFVL 2026/0042",
        RegisteredAt = DateTimeOffset.Parse(registeredAt, CultureInfo.InvariantCulture),
    };

    private static DateOnly? ValidFromOrNull(string? value) => value is null ? null : Date(value);
}
