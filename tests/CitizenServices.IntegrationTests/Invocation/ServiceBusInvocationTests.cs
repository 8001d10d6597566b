namespace CitizenServices.IntegrationTests.Invocation;

public sealed class ServiceBusInvocationTests
{
    private static readonly DateTimeOffset Enqueued = new(2025, 11, 20, 10, 15, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = new(2025, 12, 4, 10, 15, 30, TimeSpan.Zero);

    [Theory]
    [InlineData("servicebus-binary.json")]
    [InlineData("servicebus-double-encoded.json")]
    [InlineData("servicebus-promoted-body-properties.json")]
    public async Task ReadServiceBusMessage_WhenHostPayload_DecodesBodyAndBrokerProperties(string golden)
    {
        var request = await GoldenPayloads.ReadAsync(golden);

        var message = request.ReadServiceBusMessage("message");

        Assert.Equal(GoldenPayloads.CareRelationCommand, message.BodyText);
        Assert.Equal("8f14e45f-ceea-467f-a8f0-6b5e0c2d9a31", message.MessageId);
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal(7L, message.SequenceNumber);
        Assert.Equal(Enqueued, message.EnqueuedTime);
        Assert.Equal(TimeSpan.Zero, message.EnqueuedTime!.Value.Offset);
        Assert.Equal(Expires, message.ExpiresAt);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("corr-20251120-0042", message.CorrelationId);
        Assert.Equal("RegisterFosterCareRelation", message.Subject);
        Assert.Null(message.SessionId);
        Assert.Null(message.ReplyTo);
        Assert.Null(message.To);
        Assert.Null(message.DeadLetterSource);
    }

    [Theory]
    [InlineData("servicebus-binary.json")]
    [InlineData("servicebus-promoted-body-properties.json")]
    public async Task ReadServiceBusMessage_WhenApplicationPropertiesObject_KeepsJsonTypes(string golden)
    {
        var request = await GoldenPayloads.ReadAsync(golden);

        var properties = request.ReadServiceBusMessage("message").ApplicationProperties;

        // Promoted body properties (commandId, type, data, ...) must not leak into the application properties.
        Assert.Equal(["replayed", "schemaVersion", "tenant"], properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0301", properties["tenant"]);
        Assert.Equal(2L, properties["schemaVersion"]);
        Assert.Equal(false, properties["replayed"]);
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenRawScalarsAndRawObjectBody_ReadsThemAsIs()
    {
        var request = await GoldenPayloads.ReadAsync("servicebus-raw-scalars.json");

        var message = request.ReadServiceBusMessage("message");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenPayloads.CareRelationCommand), JsonNode.Parse(message.BodyText)));
        Assert.Equal("a1b2c3d4", message.MessageId);
        Assert.Equal(3, message.DeliveryCount);
        Assert.Equal(42L, message.SequenceNumber);
        Assert.Equal("RegisterFosterCareRelation", message.Subject);
        Assert.Equal("0301", message.SessionId);
        Assert.Equal("care-relations-replies", message.ReplyTo);
        Assert.Equal("care-relations-inbound", message.To);
        Assert.Equal("care-relations-inbound", message.DeadLetterSource);
        Assert.Equal(Enqueued, message.EnqueuedTime);
        Assert.Equal(new DateTimeOffset(2025, 12, 4, 10, 15, 30, TimeSpan.Zero), message.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, message.ExpiresAt!.Value.Offset);
        Assert.Equal("4601", message.ApplicationProperties["tenant"]);
        Assert.Equal(5L, message.ApplicationProperties["priority"]);
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenObjectValuedMetadataNoise_IgnoresIt()
    {
        var request = await GoldenPayloads.ReadAsync("servicebus-object-metadata.json");

        var message = request.ReadServiceBusMessage("message");

        Assert.Equal("""{"commandId":"c-noise"}""", message.BodyText);
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal(new InvocationRetryContext(1, 3), request.ReadRetryContext());
    }

    [Fact]
    public async Task ReadSys_WhenHostPayload_ReadsMethodNameClockAndGuid()
    {
        var request = await GoldenPayloads.ReadAsync("servicebus-binary.json");

        var sys = request.ReadSys();

        Assert.NotNull(sys);
        Assert.Equal("CareRelationsInbox", sys.MethodName);
        Assert.Equal(new DateTimeOffset(2025, 11, 20, 10, 15, 31, TimeSpan.Zero).AddTicks(0523977), sys.UtcNow);
        Assert.Equal(Guid.Parse("0d9b0a51-3f4e-4b7e-a1c8-2f3e4d5c6b7a"), sys.RandGuid);
        Assert.Null(request.ReadRetryContext());
    }

    [Fact]
    public async Task ReadAsync_WhenHeaderPresent_CarriesInvocationIdAndFunctionName()
    {
        var request = await GoldenPayloads.ReadAsync("servicebus-binary.json", "CareRelationsInbox");

        Assert.Equal("3f2c8a8e-6a1d-4c55-9a7e-2b9f1c0d4e11", request.InvocationId);
        Assert.Equal("CareRelationsInbox", request.FunctionName);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"\\\"1\\\"\"")]
    public async Task ReadServiceBusMessage_WhenDeliveryCountRawOrQuoted_ReadsInteger(string deliveryCountJson)
    {
        var request = await GoldenPayloads.ReadJsonAsync(
            $$$"""{"Data":{"message":"e30="},"Metadata":{"DeliveryCount":{{{deliveryCountJson}}}}}""");

        Assert.Equal(1, request.ReadServiceBusMessage("message").DeliveryCount);
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\\\"abc\\\"\"", "abc")]
    [InlineData("12345", "12345")]
    public async Task ReadServiceBusMessage_WhenMessageIdRawOrQuoted_ReadsText(string messageIdJson, string expected)
    {
        var request = await GoldenPayloads.ReadJsonAsync(
            $$$"""{"Data":{"message":"e30="},"Metadata":{"MessageId":{{{messageIdJson}}}}}""");

        Assert.Equal(expected, request.ReadServiceBusMessage("message").MessageId);
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenKeysDifferInCase_FindsThem()
    {
        var request = await GoldenPayloads.ReadJsonAsync(
            """{"data":{"Message":"\"hello\""},"metadata":{"deliveryCount":"2","messageId":"\"m-1\""}}""");

        var message = request.ReadServiceBusMessage("message");

        Assert.Equal("hello", message.BodyText);
        Assert.Equal(2, message.DeliveryCount);
        Assert.Equal("m-1", message.MessageId);
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenBase64OfNonUtf8Bytes_KeepsBytesExactly()
    {
        byte[] bytes = [0x00, 0xFF, 0xFE, 0x80, 0x7B];
        var request = await GoldenPayloads.ReadJsonAsync(
            $$$"""{"Data":{"message":"{{{Convert.ToBase64String(bytes)}}}"},"Metadata":{}}""");

        Assert.Equal(bytes, request.ReadServiceBusMessage("message").Body.ToArray());
    }

    [Fact]
    public async Task ReadServiceBusMessage_WhenMetadataAbsent_LeavesPropertiesNull()
    {
        var request = await GoldenPayloads.ReadJsonAsync("""{"Data":{"message":"\"plain text\""}}""");

        var message = request.ReadServiceBusMessage("message");

        Assert.Equal("plain text", message.BodyText);
        Assert.Null(message.MessageId);
        Assert.Null(message.DeliveryCount);
        Assert.Empty(message.ApplicationProperties);
        Assert.Null(request.ReadSys());
    }

    [Fact]
    public async Task TryGetMetadata_WhenPromotedBodyProperty_ExposesRawValue()
    {
        var request = await GoldenPayloads.ReadAsync("servicebus-promoted-body-properties.json");

        Assert.True(request.TryGetMetadata("DATA", out var data));
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.False(request.TryGetMetadata("absent", out _));
    }
}
