using System.Net.Http.Headers;

namespace CitizenServices.LocalHost;

/// <summary>The outcome of one invocation. Only a succeeded invocation's outputs may be sent.</summary>
internal sealed record InvocationResult(
    bool Succeeded,
    int? StatusCode,
    string? Error,
    JsonObject Outputs,
    JsonNode? ReturnValue)
{
    public static InvocationResult Failed(int? statusCode, string error) => new(false, statusCode, error, [], null);

    /// <summary>The value for an output binding name; <c>$return</c> means the ReturnValue, as in the host.</summary>
    public JsonNode? OutputFor(string bindingName) =>
        bindingName == "$return" ? ReturnValue : Outputs[bindingName];
}

/// <summary>Invokes functions on the handler: <c>POST /{FunctionName}</c> with <c>{ Data, Metadata }</c>.</summary>
internal sealed class HandlerClient : IDisposable
{
    private const int ErrorBodyChars = 256;

    private readonly HttpClient _http;
    private readonly string _hostVersion;
    private readonly ILoggerFactory _loggerFactory;

    private readonly Func<CancellationToken, Task> _waitForHandler;

    /// <param name="waitForHandler">Holds an invocation while the handler restarts (the host does the same); none: no wait.</param>
    public HandlerClient(
        int port, TimeSpan functionTimeout, string hostVersion, ILoggerFactory loggerFactory, Func<CancellationToken, Task>? waitForHandler = null)
    {
        _waitForHandler = waitForHandler ?? (_ => Task.CompletedTask);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = functionTimeout };
        _hostVersion = hostVersion;
        _loggerFactory = loggerFactory;
    }

    public string HostVersion => _hostVersion;

    public async Task<InvocationResult> InvokeAsync(string functionName, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        var logger = _loggerFactory.CreateLogger($"Function.{functionName}");
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        using var request = new HttpRequestMessage(HttpMethod.Post, functionName)
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        AddInvocationHeaders(request.Headers, invocationId);

        logger.LogInformation("Executing '{Function}' (Id={InvocationId})", functionName, invocationId);
        string body;
        int status;
        try
        {
            await _waitForHandler(cancellationToken);
            using var response = await _http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError("Executed '{Function}' (Failed, Id={InvocationId}): {Error}", functionName, invocationId, ex.Message);
            return InvocationResult.Failed(null, $"Transport error: {ex.Message}");
        }

        if (status is < 200 or > 299)
        {
            logger.LogError("Executed '{Function}' (Failed, Id={InvocationId}): HTTP {Status}", functionName, invocationId, status);
            return InvocationResult.Failed(status, $"HTTP {status}: {Start(body)}");
        }

        JsonObject? reply;
        try
        {
            reply = string.IsNullOrWhiteSpace(body) ? [] : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            reply = null;
        }

        if (reply is null)
        {
            logger.LogError("Executed '{Function}' (Failed, Id={InvocationId}): the reply is not a JSON object", functionName, invocationId);
            return InvocationResult.Failed(status, $"HTTP {status} with an unparseable body: {Start(body)}");
        }

        // The host deserializes the reply with Newtonsoft: top-level names are case-insensitive.
        var outputs = Property(reply, "Outputs") as JsonObject ?? [];
        if (Property(reply, "Logs") is JsonArray logs)
        {
            foreach (var line in logs)
            {
                logger.LogInformation("{Log}", line is JsonValue v && v.TryGetValue<string>(out var text) ? text : line?.ToJsonString());
            }
        }

        logger.LogInformation("Executed '{Function}' (Succeeded, Id={InvocationId})", functionName, invocationId);
        return new InvocationResult(true, status, null, (JsonObject)outputs.DeepClone(), Property(reply, "ReturnValue")?.DeepClone());
    }

    public void AddInvocationHeaders(HttpRequestHeaders headers, string invocationId)
    {
        headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId);
        headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", _hostVersion);
        headers.UserAgent.Clear();
        headers.TryAddWithoutValidation("User-Agent", $"Azure-Functions-Host/{_hostVersion}");
    }

    public void Dispose() => _http.Dispose();

    private static JsonNode? Property(JsonObject obj, string key) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Start(string body) => body.Length <= ErrorBodyChars ? body : body[..ErrorBodyChars] + "…";
}
