using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;


namespace CitizenServices.IntegrationTests.Invocation;

/// <summary>
/// Real HTTP over Kestrel on loopback, the way the Functions host calls the handler. The app is built here
/// rather than from Program so these tests depend only on the invocation plumbing.
/// </summary>
public sealed class InvokedFunctionEndpointTests(InvokedFunctionEndpointTests.HandlerServer server)
    : IClassFixture<InvokedFunctionEndpointTests.HandlerServer>
{
    private const string InvocationId = "5d1c1f0e-2b7a-4e55-8f3c-9a0b1c2d3e4f";

    [Fact]
    public async Task Post_WhenGoldenServiceBusPayload_ReturnsOutputsBuiltFromTheMessage()
    {
        using var response = await PostAsync("/CareRelationsInbox", "servicebus-double-encoded.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"Outputs":{"outbound":[{"messageId":"8f14e45f-ceea-467f-a8f0-6b5e0c2d9a31","deliveryCount":1,"commandId":"5b1f7c2e-8a34-4e0b-9d61-0c2f3a9e7b11","invocationId":"5d1c1f0e-2b7a-4e55-8f3c-9a0b1c2d3e4f"}]},"Logs":["handled 8f14e45f-ceea-467f-a8f0-6b5e0c2d9a31"],"ReturnValue":null}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("malformed-delivery-count.json", "/Metadata/DeliveryCount")]
    [InlineData("malformed-missing-binding.json", "/Data/message")]
    [InlineData("malformed-not-json.json", "")]
    public async Task Post_WhenMalformedPayload_Returns400ProblemNamingTheField(string golden, string expectedField)
    {
        using var response = await PostAsync("/CareRelationsInbox", golden);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(InvokedFunctionEndpoints.InvalidPayloadProblemType, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(expectedField, problem.RootElement.GetProperty("field").GetString());
        Assert.Equal(InvocationId, problem.RootElement.GetProperty("invocationId").GetString());
        Assert.Contains(expectedField.Length == 0 ? "not valid JSON" : expectedField, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenFunctionLogs_LogLinesCarryInvocationIdAndFunctionName()
    {
        using var response = await PostAsync("/CareRelationsInbox", "servicebus-binary.json", invocationId: "scope-check-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = Assert.Single(server.Logs.Entries, log => log.Message == "Handling 8f14e45f-ceea-467f-a8f0-6b5e0c2d9a31 (invocation scope-check-1)");
        Assert.Equal("scope-check-1", entry.Scope["InvocationId"]);
        Assert.Equal("CareRelationsInbox", entry.Scope["FunctionName"]);
    }

    [Fact]
    public async Task Post_WhenPayloadRejected_WarningCarriesScopeAndField()
    {
        using var response = await PostAsync("/CareRelationsInbox", "malformed-bad-base64.json", invocationId: "scope-check-2");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var entry = Assert.Single(server.Logs.Entries, log => log.Level == LogLevel.Warning && Equals(log.Scope.GetValueOrDefault("InvocationId"), "scope-check-2"));
        Assert.Contains("/Data/message", entry.Message, StringComparison.Ordinal);
        Assert.Equal("CareRelationsInbox", entry.Scope["FunctionName"]);
    }

    [Fact]
    public void EndpointDataSource_WhenFunctionMapped_ExposesInvokedFunctionMetadata()
    {
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<InvokedFunctionAttribute>() is not null)
            .ToList();

        var endpoint = Assert.Single(endpoints);
        Assert.Equal("CareRelationsInbox", endpoint.Metadata.GetRequiredMetadata<InvokedFunctionAttribute>().Name);
        Assert.Equal("/CareRelationsInbox", (endpoint as RouteEndpoint)?.RoutePattern.RawText);
        Assert.Equal(["POST"], endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
    }

    [Fact]
    public async Task Get_WhenInvokedFunctionRoute_IsNotAnInvocation()
    {
        using var response = await server.Client.GetAsync(new Uri("/CareRelationsInbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string golden, string invocationId = InvocationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(GoldenPayloads.Load(golden)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(InvocationReader.InvocationIdHeader, invocationId);
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1041.200");
        return await server.Client.SendAsync(request);
    }

    /// <summary>Stands in for a trigger function: decodes through the shared reader and answers with outputs.</summary>
    private sealed class CareRelationsInboxProbe(ILogger<CareRelationsInboxProbe> logger) : IInvokedFunction
    {
        public static string Name => "CareRelationsInbox";

        public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
        {
            var message = request.ReadServiceBusMessage("message");
            logger.LogInformation("Handling {MessageId} (invocation {InvocationId})", message.MessageId, request.InvocationId);

            using var body = JsonDocument.Parse(message.Body);
            var commandId = body.RootElement.GetProperty("commandId").GetString();
            var response = new InvocationResponse()
                .AddOutput("outbound", new[] { new { message.MessageId, message.DeliveryCount, commandId, request.InvocationId } })
                .AddLog($"handled {message.MessageId}");
            return Task.FromResult(response);
        }
    }

    public sealed class HandlerServer : IAsyncLifetime
    {
        private WebApplication? _app;
        private HttpClient? _client;

        public CapturingLoggerProvider Logs { get; } = new();

        public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

        public HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(HandlerServer).Assembly.GetName().Name,
                EnvironmentName = "Test",
            });

            // Port 0: Kestrel picks a free port, read back below.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddProvider(Logs);
            builder.Services.AddInvokedFunction<CareRelationsInboxProbe>();

            _app = builder.Build();
            _app.MapInvokedFunction<CareRelationsInboxProbe>();
            await _app.StartAsync();

            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            _client = new HttpClient { BaseAddress = new Uri(address) };
        }

        public async Task DisposeAsync()
        {
            _client?.Dispose();
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
    }
}
