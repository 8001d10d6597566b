namespace CitizenServices.IntegrationTests.Invocation;

public sealed class InvocationResponseTests
{
    private sealed record RelayedEvent(Guid EventId, string Type, string Subject);

    [Fact]
    public void ToJson_WhenNothingAdded_WritesEmptyEnvelope()
    {
        Assert.Equal("""{"Outputs":{},"Logs":[],"ReturnValue":null}""", new InvocationResponse().ToJson());
    }

    [Fact]
    public void ToJson_WhenEnumerableOutput_WritesOneArrayElementPerMessage()
    {
        var events = new[] { "FosterCareRegistered", "FosterCareEnded" }.Select((type, i) =>
            new RelayedEvent(new Guid($"00000000-0000-0000-0000-00000000000{i + 1}"), type, "subject-" + i));

        var json = new InvocationResponse()
            .AddOutput("outboundEvents", events)
            .AddLog("relayed 2 events")
            .ToJson();

        Assert.Equal(
            """{"Outputs":{"outboundEvents":[{"eventId":"00000000-0000-0000-0000-000000000001","type":"FosterCareRegistered","subject":"subject-0"},{"eventId":"00000000-0000-0000-0000-000000000002","type":"FosterCareEnded","subject":"subject-1"}]},"Logs":["relayed 2 events"],"ReturnValue":null}""",
            json);
    }

    [Fact]
    public void ToJson_WhenObjectOutputAndReturnValue_WritesThemInOrder()
    {
        var json = new InvocationResponse()
            .AddOutput("notification", new { Channel = "sms", Template = "fullmakt-granted" })
            .SetReturnValue(new { Handled = true })
            .AddLog("one")
            .AddLog("two \"quoted\"")
            .ToJson();

        Assert.Equal(
            """{"Outputs":{"notification":{"channel":"sms","template":"fullmakt-granted"}},"Logs":["one","two \"quoted\""],"ReturnValue":{"handled":true}}""",
            json);
    }

    [Fact]
    public void ToJson_WhenNorwegianLettersAndMarkup_KeepsThemUnescaped()
    {
        var json = new InvocationResponse()
            .AddOutput("notification", new { Text = "Fullmakt gitt til Ærlig Østby & Åse <3" })
            .AddLog("behandlet søknad")
            .ToJson();

        Assert.Equal(
            """{"Outputs":{"notification":{"text":"Fullmakt gitt til Ærlig Østby & Åse <3"}},"Logs":["behandlet søknad"],"ReturnValue":null}""",
            json);
    }

    [Fact]
    public void ToJson_WhenCustomSerializerOptions_UsesThemForOutputsButNotForTheEnvelope()
    {
        var json = new InvocationResponse(new JsonSerializerOptions())
            .AddOutput("Message", new { EventId = 1 })
            .ToJson();

        Assert.Equal("""{"Outputs":{"Message":{"EventId":1}},"Logs":[],"ReturnValue":null}""", json);
    }

    [Fact]
    public void AddOutput_WhenBareString_IsRefused()
    {
        var response = new InvocationResponse();

        Assert.Throws<ArgumentException>(() => response.AddOutput("message", "abcd"));
        Assert.Throws<ArgumentException>(() => response.AddOutput("message", JsonSerializer.SerializeToElement("abcd")));
        Assert.Throws<ArgumentException>(() => response.AddOutput<object>("message", Guid.NewGuid()));
        Assert.Throws<ArgumentException>(() => response.SetReturnValue("abcd"));
        Assert.Empty(response.Outputs);
    }

    [Fact]
    public void AddOutput_WhenNull_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new InvocationResponse().AddOutput<object?>("message", null));
    }

    [Fact]
    public void AddOutput_WhenNameUsedTwice_Throws()
    {
        var response = new InvocationResponse().AddOutput("message", new { A = 1 });

        Assert.Throws<InvalidOperationException>(() => response.AddOutput("Message", new { A = 2 }));
    }

    [Fact]
    public void AddBinaryOutput_WhenBytes_WritesBase64ForTheHostToDecode()
    {
        var json = new InvocationResponse().AddBinaryOutput("blob", Encoding.UTF8.GetBytes("hi!")).ToJson();

        Assert.Equal("""{"Outputs":{"blob":"aGkh"},"Logs":[],"ReturnValue":null}""", json);
    }

    [Fact]
    public void ToUtf8Json_WhenOutputsAdded_IsParseableWithExactTopLevelNames()
    {
        var bytes = new InvocationResponse().AddOutput("message", new[] { 1, 2 }).AddLog("x").ToUtf8Json();

        using var document = JsonDocument.Parse(bytes);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, document.RootElement.GetProperty("Outputs").GetProperty("message").GetArrayLength());
    }
}
