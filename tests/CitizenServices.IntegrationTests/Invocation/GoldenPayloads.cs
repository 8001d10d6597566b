namespace CitizenServices.IntegrationTests.Invocation;

/// <summary>Loads the golden host payloads and reads them through the real <see cref="InvocationReader"/>.</summary>
internal static class GoldenPayloads
{
    /// <summary>The message body every Service Bus golden payload carries, in whichever encoding.</summary>
    public const string CareRelationCommand =
        """{"commandId":"5b1f7c2e-8a34-4e0b-9d61-0c2f3a9e7b11","type":"RegisterFosterCareRelation","occurredAt":"2025-11-20T08:30:00Z","data":{"municipality":"0301","caseReference":"BV-2025-00417"}}""";

    public static byte[] Load(string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Invocation", "Golden", fileName));

    public static Task<InvocationRequest> ReadAsync(string fileName, string functionName = "CareRelationsInbox") =>
        ReadBytesAsync(Load(fileName), functionName);

    public static Task<InvocationRequest> ReadJsonAsync(string json, string functionName = "CareRelationsInbox") =>
        ReadBytesAsync(Encoding.UTF8.GetBytes(json), functionName);

    public static async Task<InvocationRequest> ReadBytesAsync(
        byte[] body,
        string functionName,
        InvocationReader? reader = null,
        string invocationId = "3f2c8a8e-6a1d-4c55-9a7e-2b9f1c0d4e11")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/" + functionName;
        context.Request.ContentType = "application/json";
        context.Request.Headers[InvocationReader.InvocationIdHeader] = invocationId;
        context.Request.Body = new MemoryStream(body);
        return await (reader ?? new InvocationReader()).ReadAsync(context.Request, functionName, CancellationToken.None);
    }
}
