using System.Text;
using System.Text.Json.Nodes;
using CitizenServices.Domain.Guardianship;
using static CitizenServices.UnitTests.Guardianship.GuardianshipTestData;

namespace CitizenServices.UnitTests.Guardianship;

/// <summary>Validation of feed messages in code, with the schema's rules and those a schema cannot express.</summary>
public sealed class GuardianshipFeedTests
{
    private static string? Error(JsonNode json)
    {
        Assert.False(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(json.ToJsonString()), out var message, out var error));
        Assert.Null(message);
        return error;
    }

    [Fact]
    public void TryParse_WhenAppointedIsValid_ReadsEveryField()
    {
        var json = Appointed(validTo: "2030-12-31");

        var message = Parse(json);

        Assert.Equal(Guid.Parse(json["changeId"]!.GetValue<string>()), message.ChangeId);
        Assert.Equal(GuardianshipChangeKind.Appointed, message.Kind);
        Assert.Equal(GuardianshipId, message.GuardianshipId);
        Assert.Equal(Ward, message.Ward);
        Assert.Equal(Guardian, message.Guardian);
        Assert.Equal([MandateArea.Personal, MandateArea.Health], message.Mandate);
        Assert.Equal(Date("2026-03-01"), message.ValidFrom);
        Assert.Equal(Date("2030-12-31"), message.ValidTo);
        Assert.Equal("SFVL 2026/0042", message.DecisionReference);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero), message.RegisteredAt);
    }

    [Fact]
    public void TryParse_WhenEndedWithoutMandateOrStart_IsValid()
    {
        var json = Appointed();
        json["kind"] = "ended";
        json.Remove("mandate");
        json.Remove("validFrom");
        json["validTo"] = "2026-05-31";

        var message = Parse(json);

        Assert.Equal(GuardianshipChangeKind.Ended, message.Kind);
        Assert.Empty(message.Mandate);
        Assert.Null(message.ValidFrom);
    }

    [Fact]
    public void TryParse_WhenAnUnknownPropertyIsAdded_IgnoresIt()
    {
        var json = Appointed();
        json["registerSource"] = "freg";

        Assert.Equal(GuardianshipId, Parse(json).GuardianshipId);
    }

    [Theory]
    [InlineData("schemaVersion", 2, "Unknown schemaVersion 2")]
    [InlineData("changeId", "not-a-uuid", "changeId must be a UUID")]
    [InlineData("kind", "suspended", "kind must be one of appointed, mandate-changed, ended")]
    [InlineData("guardianshipId", "", "guardianshipId must be a UUID")]
    [InlineData("ward", "17909032173", "ward must be a valid national identity number")]
    [InlineData("guardian", "0192664223", "guardian must be a valid national identity number")]
    [InlineData("validFrom", "01.03.2026", "validFrom must be a date (yyyy-MM-dd)")]
    [InlineData("validTo", "2026-02-28", "validTo must not be before validFrom")]
    [InlineData("decisionReference", "", "decisionReference must be 1-100 characters")]
    [InlineData("registeredAt", "2026-03-01T08:00:00", "registeredAt must be an RFC 3339 date-time with an offset")]
    public void TryParse_WhenAFieldIsInvalid_NamesTheField(string field, object value, string expected)
    {
        var json = Appointed();
        json[field] = value switch { int i => JsonValue.Create(i), _ => JsonValue.Create((string)value) };

        Assert.StartsWith(expected, Error(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("changeId")]
    [InlineData("kind")]
    [InlineData("guardianshipId")]
    [InlineData("ward")]
    [InlineData("guardian")]
    [InlineData("mandate")]
    [InlineData("validFrom")]
    [InlineData("decisionReference")]
    [InlineData("registeredAt")]
    [InlineData("schemaVersion")]
    public void TryParse_WhenARequiredFieldIsMissing_NamesIt(string field)
    {
        var json = Appointed();
        json.Remove(field);

        Assert.StartsWith(field + " ", Error(json), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenEndedHasNoLastDay_IsRejected()
    {
        var json = Appointed();
        json["kind"] = "ended";

        Assert.Equal("validTo is required for this kind.", Error(json));
    }

    [Theory]
    [InlineData("medical", "mandate[1] must be one of personal, health, financial.")]
    [InlineData("personal", "mandate[1] repeats an area.")]
    public void TryParse_WhenTheMandateHasAnUnknownOrRepeatedArea_NamesTheItem(string second, string expected)
    {
        var json = Appointed();
        json["mandate"] = new JsonArray("personal", second);

        Assert.Equal(expected, Error(json));
    }

    [Fact]
    public void TryParse_WhenTheMandateIsEmpty_IsRejected()
    {
        var json = Appointed();
        json["mandate"] = new JsonArray();

        Assert.Equal("mandate must be a non-empty array.", Error(json));
    }

    [Fact]
    public void TryParse_WhenWardAndGuardianAreOnePerson_IsRejected()
    {
        var json = Appointed();
        json["guardian"] = Ward.Value;

        Assert.Equal("ward and guardian must be different people.", Error(json));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void TryParse_WhenTheBodyIsNotAJsonObject_IsRejected(string body)
    {
        Assert.False(GuardianshipFeed.TryParse(Encoding.UTF8.GetBytes(body), out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_WhenANumberIsInvalid_KeepsTheValueOutOfTheReason()
    {
        var json = Appointed();
        json["ward"] = "17909032173";

        Assert.DoesNotContain("1790903", Error(json), StringComparison.Ordinal);
    }
}
