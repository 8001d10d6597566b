namespace CitizenServices.IntegrationTests.Invocation;

public sealed class MalformedInvocationTests
{
    [Theory]
    [InlineData("malformed-not-json.json", "")]
    [InlineData("malformed-no-data.json", "/Data")]
    [InlineData("malformed-missing-binding.json", "/Data/message")]
    [InlineData("malformed-bad-base64.json", "/Data/message")]
    [InlineData("malformed-delivery-count.json", "/Metadata/DeliveryCount")]
    public async Task ReadServiceBusMessage_WhenGoldenPayloadMalformed_NamesTheField(string golden, string expectedPath)
    {
        var exception = await Assert.ThrowsAsync<InvalidInvocationPayloadException>(async () =>
        {
            var request = await GoldenPayloads.ReadAsync(golden);
            request.ReadServiceBusMessage("message");
        });

        Assert.Equal(expectedPath, exception.Path);
        Assert.Equal(400, exception.StatusCode);
    }

    [Theory]
    [InlineData("""[]""", "")]
    [InlineData("""{"Data":"nope"}""", "/Data")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":[1]}""", "/Metadata")]
    [InlineData("""{"Data":{"message":null}}""", "/Data/message")]
    [InlineData("""{"Data":{"message":"\"unterminated"}}""", "/Data/message")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":{"SequenceNumber":{"value":7}}}""", "/Metadata/SequenceNumber")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":{"EnqueuedTimeUtc":"yesterday"}}""", "/Metadata/EnqueuedTimeUtc")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":{"DeliveryCount":"99999999999"}}""", "/Metadata/DeliveryCount")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":{"ApplicationProperties":"not an object"}}""", "/Metadata/ApplicationProperties")]
    [InlineData("""{"Data":{"message":"e30="},"Metadata":{"MessageId":["a"]}}""", "/Metadata/MessageId")]
    public async Task ReadServiceBusMessage_WhenValueMalformed_NamesTheField(string json, string expectedPath)
    {
        var exception = await Assert.ThrowsAsync<InvalidInvocationPayloadException>(async () =>
        {
            var request = await GoldenPayloads.ReadJsonAsync(json);
            request.ReadServiceBusMessage("message");
        });

        Assert.Equal(expectedPath, exception.Path);
    }

    [Theory]
    [InlineData("""{"Data":{"timer":"0 */5 * * * *"}}""", "/Data/timer")]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":"soon","IsPastDue":false}}}""", "/Data/timer/ScheduleStatus")]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":{"Next":"tomorrow"}}}}""", "/Data/timer/ScheduleStatus/Next")]
    [InlineData("""{"Data":{"timer":{"IsPastDue":"maybe"}}}""", "/Data/timer/IsPastDue")]
    public async Task ReadTimer_WhenValueMalformed_NamesTheField(string json, string expectedPath)
    {
        var exception = await Assert.ThrowsAsync<InvalidInvocationPayloadException>(async () =>
            (await GoldenPayloads.ReadJsonAsync(json)).ReadTimer("timer"));

        Assert.Equal(expectedPath, exception.Path);
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenBindingNameNeedsEscaping_EscapesThePointer()
    {
        var exception = await Assert.ThrowsAsync<InvalidInvocationPayloadException>(async () =>
            (await GoldenPayloads.ReadJsonAsync("""{"Data":{}}""")).ReadServiceBusMessage("a/b~c"));

        Assert.Equal("/Data/a~1b~0c", exception.Path);
    }

    [Fact]
    public async Task ReadAsync_WhenBodyExceedsLimit_RejectsWith413()
    {
        var reader = new InvocationReader(Options.Create(new InvocationReaderOptions { MaxPayloadBytes = 64 }));
        var body = Encoding.UTF8.GetBytes($$$"""{"Data":{"message":"{{{new string('A', 100)}}}"}}""");

        var exception = await Assert.ThrowsAsync<InvalidInvocationPayloadException>(() =>
            GoldenPayloads.ReadBytesAsync(body, "CareRelationsInbox", reader));

        Assert.Equal(413, exception.StatusCode);
        Assert.Equal(string.Empty, exception.Path);
    }

    [Fact]
    public async Task ReadAsync_WhenBodyWithinLimit_Accepts()
    {
        var json = """{"Data":{"message":"e30="}}""";
        var reader = new InvocationReader(Options.Create(new InvocationReaderOptions { MaxPayloadBytes = json.Length }));

        var request = await GoldenPayloads.ReadBytesAsync(Encoding.UTF8.GetBytes(json), "CareRelationsInbox", reader);

        Assert.Equal("{}", request.ReadServiceBusMessage("message").BodyText);
    }
}
