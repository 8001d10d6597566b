using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenServices.LocalHost;

/// <summary>
/// The stand-in's front door for senders: the Service Bus REST API's send operations on loopback, so the handler's
/// local publisher reaches the same <see cref="LocalServiceBus"/> (duplicate detection and subscription filters
/// included) that the triggers read. <c>POST /{queue|topic}/messages</c> with content type
/// <c>application/vnd.microsoft.servicebus.json</c> sends a batch (a JSON array of
/// <c>{ Body, BrokerProperties, UserProperties }</c>); any other content type sends the body as one message with its
/// broker properties in the <c>BrokerProperties</c> header. 201 when stored, 400 for a malformed request.
/// </summary>
internal sealed class LocalServiceBusIngress : IAsyncDisposable
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    private readonly WebApplication _app;

    private LocalServiceBusIngress(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    public static async Task<LocalServiceBusIngress> StartAsync(LocalServiceBus bus, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/{entity}/messages", (string entity, HttpRequest request, CancellationToken ct) => ReceiveAsync(bus, logger, entity, request, ct));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalServiceBusIngress(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    private static async Task<IResult> ReceiveAsync(LocalServiceBus bus, ILogger logger, string entity, HttpRequest request, CancellationToken cancellationToken)
    {
        List<LocalServiceBusMessage> messages;
        try
        {
            messages = string.Equals(request.ContentType, BatchContentType, StringComparison.OrdinalIgnoreCase)
                ? ReadBatch(await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken))
                : [ReadSingle(await ReadBodyAsync(request, cancellationToken), request.Headers["BrokerProperties"].ToString())];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
        }

        var isTopic = bus.Subscriptions.Any(s => string.Equals(s.Topic, entity, StringComparison.OrdinalIgnoreCase));
        foreach (var message in messages)
        {
            if (isTopic)
            {
                await bus.SendToTopicAsync(entity, message, cancellationToken);
            }
            else
            {
                await bus.SendToQueueAsync(entity, message, cancellationToken);
            }
        }

        logger.LogDebug("Received {Count} message(s) for {Entity}", messages.Count, entity);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static List<LocalServiceBusMessage> ReadBatch(JsonNode? batch)
    {
        if (batch is not JsonArray array || array.Count == 0)
        {
            throw new InvalidOperationException("A batch must be a non-empty JSON array of messages.");
        }

        return array.Select(item =>
        {
            var message = item as JsonObject ?? throw new InvalidOperationException("Every batch item must be an object.");
            var body = message["Body"]?.GetValue<string>() ?? throw new InvalidOperationException("A batch message needs a Body string.");
            var bytes = message["IsBodyBase64"]?.GetValue<bool>() == true ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            return WithProperties(bytes, message["BrokerProperties"] as JsonObject, message["UserProperties"] as JsonObject);
        }).ToList();
    }

    private static LocalServiceBusMessage ReadSingle(byte[] body, string brokerProperties) =>
        WithProperties(body, string.IsNullOrEmpty(brokerProperties) ? null : JsonNode.Parse(brokerProperties) as JsonObject, null);

    private static LocalServiceBusMessage WithProperties(byte[] body, JsonObject? broker, JsonObject? user) =>
        new(BinaryData.FromBytes(body))
        {
            MessageId = broker?["MessageId"]?.GetValue<string>(),
            Subject = broker?["Label"]?.GetValue<string>(),
            CorrelationId = broker?["CorrelationId"]?.GetValue<string>(),
            ContentType = broker?["ContentType"]?.GetValue<string>(),
            ApplicationProperties = user?.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone(), StringComparer.Ordinal),
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
