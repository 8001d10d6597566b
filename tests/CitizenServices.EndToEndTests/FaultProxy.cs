using System.Collections.Concurrent;
using System.Net;
using CitizenServices.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// Sits between the LocalHost and the handler on loopback and forwards everything, except that while
/// <see cref="FailRelay"/> is set it answers the host's <c>POST /OutboxRelay</c> with a 500 <em>after</em> the handler
/// has run: the relay has marked its rows, yet the host sends no outputs. That is the worst case of a failed relay
/// invocation (the same as the host failing to send after a 2xx).
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private FaultProxy(WebApplication app, HttpClient client, int port, int handlerPort)
    {
        _app = app;
        _client = client;
        Port = port;
        HandlerPort = handlerPort;
    }

    public int Port { get; }

    public int HandlerPort { get; }

    public volatile bool FailRelay;

    /// <summary>Bodies of relay replies the proxy turned into failures (what the host never published).</summary>
    public ConcurrentQueue<string> DroppedRelayReplies { get; } = new();

    public static async Task<FaultProxy> StartAsync()
    {
        var port = Azurite.FreePort();
        var handlerPort = Azurite.FreePort();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{handlerPort}"), Timeout = TimeSpan.FromMinutes(1) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        FaultProxy? proxy = null;
        app.Run(context => proxy!.ForwardAsync(context));
        proxy = new FaultProxy(app, client, port, handlerPort);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        if (context.Request.ContentType is { } contentType)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The handler is not listening yet: fail at the transport level, as a missing handler would, so the
            // LocalHost keeps waiting for readiness instead of taking the proxy's answer for the handler's.
            context.Abort();
            return;
        }

        using (response)
        {
            var reply = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            if (FailRelay && HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/OutboxRelay")
            {
                DroppedRelayReplies.Enqueue(System.Text.Encoding.UTF8.GetString(reply));
                context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
