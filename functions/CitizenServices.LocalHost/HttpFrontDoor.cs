using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace CitizenServices.LocalHost;

/// <summary>
/// The host's HTTP side: matches <c>{routePrefix}/{route}</c> and <c>methods</c>, then proxies the request
/// (one httpTrigger in, one http out) or invokes the function and answers from its http output.
/// </summary>
internal sealed class HttpFrontDoor : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly List<HttpRoute> _routes;
    private readonly HandlerClient _handler;
    private readonly OutputRouter _outputs;
    private readonly HttpMessageInvoker _proxy;
    private readonly TimeSpan _functionTimeout;
    private readonly int _handlerPort;
    private readonly Func<CancellationToken, Task> _waitForHandler;
    private readonly IInlineConstraintResolver _constraints;
    private readonly ILogger _logger;

    public HttpFrontDoor(
        IEnumerable<FunctionDefinition> functions,
        HostDefinition host,
        HandlerClient handler,
        OutputRouter outputs,
        int handlerPort,
        Func<CancellationToken, Task> waitForHandler,
        IInlineConstraintResolver constraints,
        ILogger logger)
    {
        _waitForHandler = waitForHandler;
        _handler = handler;
        _outputs = outputs;
        _handlerPort = handlerPort;
        _constraints = constraints;
        _logger = logger;
        _functionTimeout = host.FunctionTimeout;
        _proxy = new HttpMessageInvoker(new RetryProxyHandler(
            new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,

                // Kestrel decoded the incoming value as UTF-8; sending it back as UTF-8 hands the handler the very bytes the
                // client sent. The default (ASCII) would fail the send and answer an empty 502 for a value such as
                // "Idempotency-Key: nøkkel", where Azure delivers the request and the handler's own validation answers.
                RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
            },
            logger));
        _routes = functions
            .Where(f => f.Trigger.Is("httpTrigger"))
            .Select(f => HttpRoute.Create(f, host.RoutePrefix))
            .OrderBy(r => r.Precedence)
            .ThenBy(r => r.Function.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var route in _routes)
        {
            _logger.LogDebug(
                "{Function}: [{Methods}] /{Template} ({Mode})",
                route.Function.Name,
                route.Methods is null ? "ANY" : string.Join(",", route.Methods),
                route.Template.TemplateText,
                route.Function.IsProxiedHttp ? "proxied" : "invoked");
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var (route, values) = Match(context);
        if (route is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (route.Function.IsProxiedHttp)
        {
            await ProxyAsync(context);
        }
        else
        {
            await InvokeAsync(context, route, values!);
        }
    }

    public void Dispose() => _proxy.Dispose();

    private (HttpRoute? Route, RouteValueDictionary? Values) Match(HttpContext context)
    {
        foreach (var route in _routes)
        {
            if (route.Methods is not null && !route.Methods.Contains(context.Request.Method))
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(context.Request.Path, values) && ConstraintsHold(context, route, values))
            {
                return (route, values);
            }
        }

        return (null, null);
    }

    private bool ConstraintsHold(HttpContext context, HttpRoute route, RouteValueDictionary values)
    {
        foreach (var parameter in route.Template.Parameters)
        {
            if (parameter.IsOptional && !values.ContainsKey(parameter.Name!))
            {
                continue;
            }

            foreach (var inline in parameter.InlineConstraints)
            {
                var constraint = _constraints.ResolveConstraint(inline.Constraint);
                if (constraint is not null
                    && !constraint.Match(context, null, parameter.Name!, values, RouteDirection.IncomingRequest))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private async Task ProxyAsync(HttpContext context)
    {
        var incoming = context.Request;
        var target = new Uri($"http://127.0.0.1:{_handlerPort}{incoming.PathBase}{incoming.Path}{incoming.QueryString}");
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            request.Content = new StreamContent(incoming.Body);
        }

        foreach (var (name, value) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        // The host's YARP proxy adds the X-Forwarded-* headers and the invocation headers.
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        if (context.Connection.RemoteIpAddress is { } remote)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", remote.ToString());
        }

        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", _handler.HostVersion);

        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_functionTimeout);
        try
        {
            // Held while the handler restarts, as the host holds invocations until its worker answers again.
            await _waitForHandler(timeout.Token);
            response = await _proxy.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            _logger.LogError(ex, "Proxying {Method} {Path}: the handler is not running", incoming.Method, incoming.Path);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (HttpRequestException ex)
        {
            // What YARP answers when the request cannot be sent: 502, no body.
            _logger.LogError(ex, "Proxying {Method} {Path} to the handler failed", incoming.Method, incoming.Path);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError("Proxying {Method} {Path} to the handler took longer than the function timeout", incoming.Method, incoming.Path);
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = value.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    /// <summary>
    /// The host's <c>RetryProxyHandler</c>: a request that cannot reach the handler is tried again, up to 10 times, 50 ms
    /// apart doubling to 250 ms, so requests arriving while the handler restarts are served once it answers. Only
    /// connection failures are retried here: the body was not sent, so sending it again is safe.
    /// </summary>
    private sealed class RetryProxyHandler(HttpMessageHandler inner, ILogger logger) : DelegatingHandler(inner)
    {
        private const int MaxAttempts = 10;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var delay = TimeSpan.FromMilliseconds(50);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException ex) when (attempt < MaxAttempts && ex.HttpRequestError == HttpRequestError.ConnectionError)
                {
                    logger.LogWarning("The handler did not accept the connection; retrying in {Delay} ms (attempt {Attempt} of {Max})",
                        (int)delay.TotalMilliseconds, attempt, MaxAttempts);
                    await Task.Delay(delay, cancellationToken);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
                }
            }
        }
    }

    private async Task InvokeAsync(HttpContext context, HttpRoute route, RouteValueDictionary values)
    {
        var incoming = context.Request;
        var trigger = route.Function.Trigger;
        var query = new JsonObject();
        foreach (var (key, value) in incoming.Query)
        {
            query[key] = value.ToString();
        }

        var headers = new JsonObject();
        foreach (var (key, value) in incoming.Headers)
        {
            headers[key] = new JsonArray(value.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        var parameters = new JsonObject();
        foreach (var (key, value) in values)
        {
            parameters[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        using var buffer = new MemoryStream();
        await incoming.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = new JsonObject
        {
            ["Url"] = $"{incoming.Scheme}://{incoming.Host}{incoming.Path}{incoming.QueryString}",
            ["Method"] = incoming.Method,
            ["Query"] = query,
            ["Headers"] = headers,
            ["Params"] = parameters,
            ["Identities"] = new JsonArray(),
        };
        if (buffer.Length > 0)
        {
            // As the host: octet-stream and multipart bodies as base64 bytes, everything else as text.
            var contentType = incoming.ContentType ?? string.Empty;
            request["Body"] = contentType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase)
                              || contentType.Contains("multipart/", StringComparison.OrdinalIgnoreCase)
                ? Convert.ToBase64String(buffer.ToArray())
                : Encoding.UTF8.GetString(buffer.ToArray());
        }

        var metadata = new JsonObject { ["Query"] = query.DeepClone(), ["Headers"] = headers.DeepClone() };
        foreach (var (key, value) in values)
        {
            metadata[key] = Payloads.Quoted(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        metadata["sys"] = Payloads.Sys(route.Function.Name);
        var result = await _handler.InvokeAsync(route.Function.Name, new JsonObject { [trigger.Name] = request }, metadata, context.RequestAborted);
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        try
        {
            await _outputs.RouteAsync(route.Function, result, context.RequestAborted);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or InvalidOperationException)
        {
            _logger.LogError(ex, "{Function}: sending outputs failed", route.Function.Name);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var httpOutput = route.Function.Outputs.FirstOrDefault(b => b.Is("http"));
        await WriteHttpOutputAsync(context, httpOutput is null ? null : result.OutputFor(httpOutput.Name));
    }

    private static async Task WriteHttpOutputAsync(HttpContext context, JsonNode? output)
    {
        // The host reads the http output with JsonConvert.DeserializeObject(value.ToString()): a JSON string of an object works too.
        if (output is JsonValue v && v.TryGetValue<string>(out var text))
        {
            try
            {
                output = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                output = null;
            }
        }

        if (output is not JsonObject response)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        JsonNode? Get(string key) => response.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

        var status = Get("statusCode") switch
        {
            JsonValue s when s.TryGetValue<int>(out var n) => n,
            JsonValue s when s.TryGetValue<string>(out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var n) => n,
            _ => StatusCodes.Status200OK,
        };
        context.Response.StatusCode = status;
        if (Get("headers") is JsonObject responseHeaders)
        {
            foreach (var (name, value) in responseHeaders)
            {
                context.Response.Headers[name] = value is JsonValue hv && hv.TryGetValue<string>(out var h) ? h : value?.ToJsonString();
            }
        }

        var body = Get("body");
        if (body is null)
        {
            return;
        }

        var bytes = body is JsonValue bv && bv.TryGetValue<string>(out var bodyText)
            ? Encoding.UTF8.GetBytes(bodyText)
            : Encoding.UTF8.GetBytes(body.ToJsonString());
        if (body is not JsonValue && !context.Response.Headers.ContainsKey("Content-Type"))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private sealed record HttpRoute(
        FunctionDefinition Function,
        RouteTemplate Template,
        TemplateMatcher Matcher,
        HashSet<string>? Methods,
        decimal Precedence)
    {
        public static HttpRoute Create(FunctionDefinition function, string routePrefix)
        {
            var trigger = function.Trigger;
            var route = (trigger.GetString("route") ?? function.Name).Trim('/');
            var text = string.Join('/', new[] { routePrefix, route }.Where(s => s.Length > 0));
            RouteTemplate template;
            try
            {
                template = TemplateParser.Parse(text);
            }
            catch (ArgumentException ex)
            {
                throw new FunctionAppConfigurationException($"Function '{function.Name}': route '{route}' is not a valid route template: {ex.Message}", ex);
            }

            var defaults = new RouteValueDictionary();
            foreach (var parameter in template.Parameters.Where(p => p.DefaultValue is not null))
            {
                defaults[parameter.Name!] = parameter.DefaultValue;
            }

            var methods = trigger.GetStrings("methods");
            return new HttpRoute(
                function,
                template,
                new TemplateMatcher(template, defaults),
                methods.Count == 0 ? null : new HashSet<string>(methods, StringComparer.OrdinalIgnoreCase),
                RoutePrecedence.ComputeInbound(template));
        }
    }
}
