using CitizenServices.Infrastructure.CareRelations;
using CitizenServices.Domain.Errors;
using System.Text.Json;
using CitizenServices.Domain.CareRelations;

namespace CitizenServices.UnitTests.CareRelations;

/// <summary>
/// The command reader (queue and API share it) refuses every malformed value naming its field, and never throws: a
/// reader that throws on a value turns a bad command into ten failed deliveries and a dead letter.
/// </summary>
public sealed class CareRelationCommandReaderTests
{
    private static JsonObject Message() => new()
    {
        ["schemaVersion"] = 1,
        ["commandId"] = "5b1f7c2e-8a34-4e0b-9d61-0c2f3a9e7b11",
        ["kind"] = "register",
        ["relationId"] = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        ["child"] = Seed.OliverFosterChild,
        ["version"] = 1,
        ["decisionReference"] = "BV-2026-00417",
        ["municipality"] = "0301",
        ["legalBasis"] = "voluntary-placement",
        ["fosterParents"] = new JsonArray(Seed.HildeFosterMother),
        ["validFrom"] = "2026-11-01",
        ["delegatedScopes"] = new JsonArray("appointments"),
    };

    private static Error? Read(string property, string rawValue)
    {
        var message = Message();
        message[property] = "__raw_value__";
        using var document = JsonDocument.Parse(message.ToJsonString().Replace("\"__raw_value__\"", rawValue, StringComparison.Ordinal));
        return CareRelationCommandReader.ReadMessage(document.RootElement, out _, out _);
    }

    [Fact]
    public void ReadMessage_WhenValid_ReadsTheCommand()
    {
        using var document = JsonDocument.Parse(Message().ToJsonString());

        Assert.Null(CareRelationCommandReader.ReadMessage(document.RootElement, out var id, out var command));
        Assert.Equal(Guid.Parse("5b1f7c2e-8a34-4e0b-9d61-0c2f3a9e7b11"), id);
        Assert.Equal(1, command!.Version);
    }

    [Theory]
    [InlineData("version", "null")]
    [InlineData("version", "true")]
    [InlineData("version", "{}")]
    [InlineData("version", "\"1\"")]
    [InlineData("version", "1.5")]
    [InlineData("version", "0")]
    [InlineData("version", "1e400")]
    [InlineData("schemaVersion", "\"1\"")]
    [InlineData("schemaVersion", "{}")]
    [InlineData("validFrom", "\"0001-01-01\"")]
    [InlineData("validFrom", "\"1899-12-31\"")]
    [InlineData("validFrom", "\"2200-01-01\"")]
    [InlineData("validFrom", "\"9999-12-31\"")]
    [InlineData("validTo", "\"9999-12-31\"")]
    [InlineData("decisionReference", "\"BV-\\u0000\"")]
    [InlineData("decisionReference", "\"BV-\\u202E\"")]
    [InlineData("decisionReference", "\"BV-\\u2066\"")]
    [InlineData("decisionReference", "\"BV-\\ud800\"")]
    [InlineData("decisionReference", "\"BV-\\udc00x\"")]
    [InlineData("child", "\"\\ud800\"")]
    [InlineData("kind", "\"\\ud800\"")]
    public void ReadMessage_WhenAValueIsMalformed_NamesTheFieldWithoutThrowing(string property, string rawValue) =>
        Assert.Equal(property, Read(property, rawValue)?.Field);

    [Theory]
    [InlineData("\"1900-01-01\"")]
    [InlineData("\"2199-12-31\"")]
    public void ReadMessage_WhenADateIsAtTheEdgeOfTheCalendar_AcceptsIt(string date) =>
        Assert.Null(Read("validTo", date));

    [Fact]
    public void ReadMessage_WhenAReferenceHasAPairedSurrogate_AcceptsIt() =>
        Assert.Null(Read("decisionReference", "\"BV-\\ud83d\\ude00\""));

    [Fact]
    public void CommandIdOf_WhenSomethingElseIsWrong_StillReadsTheCommandIdSoTheReplyCanCarryIt()
    {
        var message = Message();
        message["schemaVersion"] = "1";
        using var document = JsonDocument.Parse(message.ToJsonString());

        Assert.Equal(Guid.Parse("5b1f7c2e-8a34-4e0b-9d61-0c2f3a9e7b11"), CareRelationCommandReader.CommandIdOf(document.RootElement));
    }
}
