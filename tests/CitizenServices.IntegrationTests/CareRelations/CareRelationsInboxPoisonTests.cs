using static CitizenServices.IntegrationTests.CareRelations.CareRelationsAppFixture;

namespace CitizenServices.IntegrationTests.CareRelations;

/// <summary>
/// Rule: a case-system command that cannot be read or applied is parked with its reason and acknowledged on its first
/// delivery, and, when its <c>commandId</c> and <c>child</c> can be read, answered with <c>care-relation-command.rejected</c>
/// naming the field. Only infrastructure faults fail the invocation (and are retried by Service Bus). Every kind of bad
/// body is tried: wrong JSON types, nulls, missing fields, huge numbers, dates that would overflow time arithmetic, text
/// that storage or a UTF-8 writer cannot hold, and bodies that are not JSON at all.
/// </summary>
[Collection(CareRelationsAppFixture.Collection)]
public sealed class CareRelationsInboxPoisonTests(CareRelationsAppFixture app) : IAsyncLifetime
{
    private static readonly Guid RelationId = Guid.Parse("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonObject Register(Guid? commandId = null)
    {
        var message = Registration(Seed.OliverFosterChild, "voluntary-placement", parentsKeep: true, validFrom: "2026-11-01");
        message["schemaVersion"] = 1;
        message["commandId"] = (commandId ?? Guid.NewGuid()).ToString();
        message["kind"] = "register";
        message["relationId"] = RelationId.ToString();
        message["version"] = 1;
        return message;
    }

    private static JsonObject End(string endDate) => new()
    {
        ["schemaVersion"] = 1,
        ["commandId"] = Guid.NewGuid().ToString(),
        ["kind"] = "end",
        ["relationId"] = RelationId.ToString(),
        ["child"] = Seed.OliverFosterChild,
        ["version"] = 2,
        ["decisionReference"] = "BV-2026-00999",
        ["municipality"] = Oslo,
        ["endDate"] = endDate,
        ["reason"] = "The placement ended.",
    };

    /// <summary>Delivers raw bytes as the host does (base64 body); asserts the invocation was acknowledged (200).</summary>
    private async Task DeliverBytesAsync(byte[] body, string messageId)
    {
        await app.Factory.InvokeOkAsync("CareRelationsInbox", Payloads.ServiceBus(body, messageId));
    }

    /// <summary>The message's JSON text with <paramref name="property"/> set to <paramref name="rawValue"/> exactly as written (which may be JSON no writer would produce).</summary>
    private static string With(JsonObject message, string property, string rawValue)
    {
        message[property] = "__raw_value__";
        return message.ToJsonString().Replace("\"__raw_value__\"", rawValue, StringComparison.Ordinal);
    }

    private Task AssertParkedAndAnsweredAsync(JsonObject message, string field, string code = "invalid-message") =>
        AssertParkedAndAnsweredAsync(message.ToJsonString(), message["commandId"]!.GetValue<string>(), field, code);

    private Task AssertParkedAndAnsweredAsync(string json, string commandId, string field, string code = "invalid-message") =>
        AssertParkedAndAnsweredAsync(Encoding.UTF8.GetBytes(json), commandId, field, code);

    /// <summary>Delivers once; the command must be parked (first delivery), answered naming <paramref name="field"/>, and change nothing.</summary>
    private async Task AssertParkedAndAnsweredAsync(byte[] body, string commandId, string field, string code = "invalid-message")
    {
        var messageId = "m-poison-" + Guid.NewGuid();
        await DeliverBytesAsync(body, messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(messageId));
        Assert.StartsWith($"{code} ({field})", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(1, parked.DeliveryCount);
        var (type, reply) = Assert.Single(await app.EventsAsync(Seed.OliverFosterChild));
        Assert.Equal("care-relation-command.rejected", type);
        Assert.Equal(commandId, reply.GetProperty("commandId").GetString());
        Assert.Equal(code, reply.GetProperty("code").GetString());
        Assert.Equal(field, reply.GetProperty("field").GetString());
        Assert.Empty(await RowsAsync(app.Truth, Seed.OliverFosterChild, "v|"));
    }

    /// <summary>Delivers once; the body can be addressed to nobody, so it must be parked only.</summary>
    private async Task AssertParkedOnlyAsync(byte[] body, string field)
    {
        var messageId = "m-unreadable-" + Guid.NewGuid();
        await DeliverBytesAsync(body, messageId);

        var parked = Assert.Single(await app.ParkedTodayAsync(messageId));
        Assert.StartsWith($"invalid-message ({field})", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(1, parked.DeliveryCount);
        Assert.Empty(await app.EventsAsync(Seed.OliverFosterChild));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2147483648")]
    [InlineData("1e400")]
    public async Task Inbox_WhenVersionIsNotAnIntegerFromOne_ParksAndAnswersRejected(string version)
    {
        var message = Register();
        message["version"] = JsonNode.Parse(version);

        await AssertParkedAndAnsweredAsync(message, "version");
    }

    [Fact]
    public async Task Inbox_WhenVersionIsMissing_ParksAndAnswersRejected()
    {
        var message = Register();
        message.Remove("version");

        await AssertParkedAndAnsweredAsync(message, "version");
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("true")]
    [InlineData("1.0000000000000000001")]
    public async Task Inbox_WhenSchemaVersionIsNotTheInteger1_ParksAndAnswersRejected(string schemaVersion)
    {
        var message = Register();
        message["schemaVersion"] = JsonNode.Parse(schemaVersion);

        await AssertParkedAndAnsweredAsync(message, "schemaVersion");
    }

    [Theory]
    [InlineData("validFrom", "\"0001-01-01\"")]
    [InlineData("validFrom", "\"1899-12-31\"")]
    [InlineData("validFrom", "\"9999-12-31\"")]
    [InlineData("validFrom", "\"2200-01-01\"")]
    [InlineData("validFrom", "\"2026-02-30\"")]
    [InlineData("validFrom", "20261101")]
    [InlineData("validFrom", "\"2026-11-01T00:00:00Z\"")]
    [InlineData("validTo", "\"9999-12-31\"")]
    [InlineData("validTo", "\"0001-01-01\"")]
    [InlineData("validTo", "true")]
    public async Task Inbox_WhenADateIsOutsideTheCalendarOrNotADate_ParksAndAnswersRejected(string field, string value)
    {
        var message = Register();
        message[field] = JsonNode.Parse(value);

        await AssertParkedAndAnsweredAsync(message, field);
    }

    [Fact]
    public async Task Inbox_WhenValidFromIsBeforeTheChildsBirth_ParksAndAnswersRejected()
    {
        var message = Register();
        message["validFrom"] = "2010-01-01";

        await AssertParkedAndAnsweredAsync(message, "validFrom", "valid-from-before-birth");
    }

    [Theory]
    [InlineData("\"9999-12-31\"")]
    [InlineData("\"0001-01-01\"")]
    [InlineData("null")]
    public async Task Inbox_WhenAnEndDateIsOutsideTheCalendar_ParksAnswersRejectedAndTheRelationStands(string endDate)
    {
        await app.DeliverAsync(Register().ToJsonString(), "m-" + Guid.NewGuid());
        var end = End("2026-12-01");
        end["endDate"] = JsonNode.Parse(endDate);
        var messageId = "m-end-" + Guid.NewGuid();

        await DeliverBytesAsync(Encoding.UTF8.GetBytes(end.ToJsonString()), messageId);

        Assert.StartsWith("invalid-message (endDate)", Assert.Single(await app.ParkedTodayAsync(messageId)).Reason, StringComparison.Ordinal);
        Assert.Contains(await app.EventsAsync(Seed.OliverFosterChild), e => e.Type == "care-relation-command.rejected" && e.Data.GetProperty("field").GetString() == "endDate");
        Assert.Single(await RowsAsync(app.Truth, Seed.OliverFosterChild, "v|"));
    }

    [Theory]
    [InlineData("kind", "1")]
    [InlineData("kind", "null")]
    [InlineData("municipality", "301")]
    [InlineData("municipality", "null")]
    [InlineData("decisionReference", "5")]
    [InlineData("decisionReference", "null")]
    [InlineData("decisionReference", "\"\"")]
    [InlineData("decisionReference", "\"BV-\\u0000-1\"")]
    [InlineData("decisionReference", "\"BV-\\u202E1-VB\"")]
    [InlineData("decisionReference", "\"BV-\\ud800\"")]
    [InlineData("legalBasis", "[\"care-order\"]")]
    [InlineData("legalBasis", "null")]
    [InlineData("fosterParents", $"\"{Seed.HildeFosterMother}\"")]
    [InlineData("fosterParents", "{}")]
    [InlineData("fosterParents[0]", "[null]")]
    [InlineData("fosterParents[0]", $"[{Seed.HildeFosterMother}]")]
    [InlineData("delegatedScopes", "null")]
    [InlineData("delegatedScopes", "\"appointments\"")]
    [InlineData("delegatedScopes[0]", "[null]")]
    [InlineData("delegatedScopes[0]", "[[\"appointments\"]]")]
    [InlineData("parentsKeepDigitalAccess", "\"yes\"")]
    [InlineData("parentsKeepDigitalAccess", "1")]
    [InlineData("institution.organizationNumber", "\"a school\"")]
    [InlineData("institution.organizationNumber", "{\"organizationNumber\":123456789,\"name\":\"x\"}")]
    [InlineData("institution.name", "{\"organizationNumber\":\"123456789\",\"name\":\"\\u0007\"}")]
    [InlineData("relationId", "12")]
    public async Task Inbox_WhenAFieldHasTheWrongTypeOrIsNull_ParksAndAnswersRejectedNamingIt(string field, string value)
    {
        var message = Register();
        var json = With(message, field.Split('[', '.')[0], value);

        await AssertParkedAndAnsweredAsync(json, message["commandId"]!.GetValue<string>(), field);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"a command\"")]
    [InlineData("{")]
    [InlineData("<command/>")]
    public async Task Inbox_WhenTheBodyIsNotAJsonObject_ParksItWithoutAReply(string body)
    {
        await AssertParkedOnlyAsync(Encoding.UTF8.GetBytes(body), "body");
    }

    [Fact]
    public async Task Inbox_WhenTheBodyNestsDeeperThanTheReaderAllows_ParksItWithoutAReply()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        await AssertParkedOnlyAsync(Encoding.UTF8.GetBytes(body), "body");
    }

    [Fact]
    public async Task Inbox_WhenTheBodyIsNotUtf8BetweenTokens_ParksItWithoutAReply()
    {
        var body = Encoding.UTF8.GetBytes(Register().ToJsonString());
        body[^1] = 0xFF;

        await AssertParkedOnlyAsync(body, "body");
    }

    [Fact]
    public async Task Inbox_WhenAStringIsNotUtf8_ParksAndAnswersRejectedNamingTheField()
    {
        var message = Register();
        var body = Encoding.UTF8.GetBytes(message.ToJsonString().Replace("BV-2026-00417", "BV-2026-#", StringComparison.Ordinal));
        body[Array.IndexOf(body, (byte)'#')] = 0xFF;

        await AssertParkedAndAnsweredAsync(body, message["commandId"]!.GetValue<string>(), "decisionReference");
    }

    [Theory]
    [InlineData("commandId", "12")]
    [InlineData("commandId", "null")]
    [InlineData("child", "3901770106")]
    [InlineData("child", "null")]
    [InlineData("child", "{}")]
    public async Task Inbox_WhenTheCommandIdOrChildCannotBeRead_ParksItWithoutAReply(string field, string value)
    {
        var message = Register();
        message[field] = JsonNode.Parse(value);

        await AssertParkedOnlyAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), field);
    }

    [Fact]
    public async Task Inbox_AfterEveryKindOfPoison_AValidCommandStillApplies()
    {
        var bad = Register();
        bad["version"] = true;
        await DeliverBytesAsync(Encoding.UTF8.GetBytes(bad.ToJsonString()), "m-" + Guid.NewGuid());

        await app.DeliverAsync(Register().ToJsonString(), "m-" + Guid.NewGuid());

        Assert.Single(await RowsAsync(app.Truth, Seed.OliverFosterChild, "v|"));
        Assert.Contains(await app.EventsAsync(Seed.OliverFosterChild), e => e.Type == "foster-relation.registered");
    }
}
