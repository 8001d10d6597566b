namespace CitizenServices.IntegrationTests.Contract.Fuzz;

/// <summary>
/// The defects the fuzz tests found, each written as the rule it broke, against the same app, storage and contract
/// examples. Each refused request names its field and leaves every table exactly as it was.
/// </summary>
[Collection(ContractFuzzRun.Name)]
public sealed class EdgeRulesTests(ContractFuzzFixture app)
{
    [Fact]
    public async Task ConsentDecision_WhoseLastDayWouldOverflowTheExpiry_IsRefusedBeforeAnyWrite_AndReadsStillAnswer()
    {
        var problem = await RefusedAsync("DecideConsent", body => body["validTo"] = "9999-12-31", HttpStatusCode.UnprocessableEntity, "validTo");

        Assert.Equal("end-date-too-far", problem.GetProperty("code").GetString());
        using var list = await app.SendAsync(Case("ListConsents"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task Fullmakt_EndingMoreThanTenYearsAhead_IsRefusedBeforeAnyWrite()
    {
        var problem = await RefusedAsync("GrantFullmakt", body => body["validTo"] = "2037-12-02", HttpStatusCode.UnprocessableEntity, "validTo");

        Assert.Equal("end-date-too-far", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("\"2\"")]
    public async Task CareRelationChange_WhoseVersionIsNotAWholeNumber_Is400NamingVersion(string version)
    {
        await RefusedAsync("ChangeCareRelation", body => body["version"] = JsonNode.Parse(version), HttpStatusCode.BadRequest, "version");
        await RefusedAsync("EndCareRelation", body => body["version"] = JsonNode.Parse(version), HttpStatusCode.BadRequest, "version");
    }

    [Theory]
    [InlineData("0001-01-01", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("9999-12-31", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("2010-01-01", HttpStatusCode.UnprocessableEntity, "valid-from-before-birth")]
    public async Task CareRelation_StartingOutsideTheCalendarItKeepsOrBeforeTheChildWasBorn_IsRefusedNamingValidFrom(
        string validFrom, HttpStatusCode status, string code)
    {
        var problem = await RefusedAsync("RegisterCareRelation", body =>
        {
            body["validFrom"] = validFrom;
            body["decisionReference"] = "BV-2026-09999";
        }, status, "validFrom");

        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("PublishSlots", "slots", "slots[0]")]
    [InlineData("ConfigureNettlegePilot", "openingHours", "openingHours[0]")]
    [InlineData("ConfigureNettlegePilot", "infoLinks", "infoLinks[0]")]
    public async Task ANullInsideAList_Is400NamingTheElement(string operationId, string list, string field)
    {
        await RefusedAsync(operationId, body => body[list] = new JsonArray((JsonNode?)null), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ASlotPublishedAtTheEndOfTheCalendar_IsRefusedAsBeyondThePublishingHorizon()
    {
        var problem = await RefusedAsync(
            "PublishSlots", body => body["slots"]![0]!["start"] = "9999-12-31T23:40:00Z", HttpStatusCode.UnprocessableEntity, "slots[0].start");

        Assert.Equal("slot-beyond-horizon", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task FreeSlots_AskedForOverTheWholeCalendar_Is400NamingFrom()
    {
        using var response = await app.SendAsync(Case("ListFreeSlots", query: "from=0001-01-01&to=9999-12-31"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("from", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("RegisterCareRelation", "decisionReference", "BV-2026\u202E-00417")]
    [InlineData("EndCareRelation", "reason", "Flyttet\u0007 hjem.")]
    [InlineData("RegisterCapacityFullmakt", "certificateReference", "LEGEERKL\u0000-2026")]
    public async Task FreeTextWithControlOrBidiOverrideCharacters_Is400NamingTheField(string operationId, string field, string value)
    {
        var operation = Operation(operationId);
        if (operation.BodyExample is not JsonObject example || !example.ContainsKey(field))
        {
            Assert.Fail($"{operationId}'s example has no {field}; choose a field the operation has.");
        }

        await RefusedAsync(operationId, body => body[field] = value, HttpStatusCode.BadRequest, field);
    }

    private async Task<JsonElement> RefusedAsync(string operationId, Action<JsonObject> change, HttpStatusCode? status, string field)
    {
        var body = Operation(operationId).BodyExample!.DeepClone().AsObject();
        change(body);
        var before = await app.SnapshotAsync();

        using var response = await app.SendAsync(Case(operationId, body.ToJsonString()));

        var problem = await ProblemAsync(response, status);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(before.SetEquals(await app.SnapshotAsync()), $"{operationId} was refused but storage changed");
        return problem;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode? status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is null ? (int)response.StatusCode is >= 400 and < 500 : response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static ContractOperation Operation(string operationId) =>
        ContractCases.Operations(ContractFuzzFixture.Contract).Single(o => o.OperationId == operationId);

    private static ContractCase Case(string operationId, string? body = null, string query = "") =>
        new(Operation(operationId), "rule", body, query);
}
