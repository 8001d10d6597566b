using System.Diagnostics;

namespace CitizenServices.Functions.Observability;

/// <summary>
/// One log line per request, written when the answer is complete:
/// <c>GET /api/v1/persons/{subject}/represented 200 in 12.3 ms, correlation 5f0c…</c>, and for a problem answer its code
/// (and, for 401 and 403, the reason: a refused token is a caller's mistake, logged at Information with why).
/// </summary>
/// <remarks>
/// The route is the endpoint's template, never the path: a path can hold a national identity number. Proxied API requests
/// log under <see cref="Category"/>; functions the host invokes (<c>POST /{FunctionName}</c>) under
/// <c>CitizenServices.Requests.{FunctionName}</c>, so a chatty timer can be turned down on its own (appsettings.json sets
/// the register feed's and the outbox sweep's to Warning). Answers of 500 and above log at Warning: the exception itself is
/// logged as an error where it is handled.
/// </remarks>
public static partial class RequestLog
{
    public const string Category = "CitizenServices.Requests";

    private const string NoRoute = "(no route)";
    private static readonly object ProblemKey = new();

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var threw = false;
            try
            {
                await next(context);
            }
            catch
            {
                threw = true;
                throw;
            }
            finally
            {
                Write(context, Stopwatch.GetElapsedTime(started), threw);
            }
        });

    /// <summary>Lets every problem detail the app writes reach the request's log line (its code, and why for 401 and 403).</summary>
    public static IServiceCollection AddRequestLogProblems(this IServiceCollection services) =>
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customize = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                context.HttpContext.Items[ProblemKey] = context.ProblemDetails;
            };
        });

    private static void Write(HttpContext context, TimeSpan elapsed, bool threw)
    {
        var endpoint = context.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? NoRoute;
        var function = endpoint?.Metadata.GetMetadata<InvokedFunctionAttribute>()?.Name;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger(function is null ? Category : $"{Category}.{function}");

        // An exception that escaped every handler still reaches the client as a 500 from the server.
        var status = threw ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var level = status >= StatusCodes.Status500InternalServerError ? LogLevel.Warning : LogLevel.Information;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var method = context.Request.Method;
        var milliseconds = Math.Round(elapsed.TotalMilliseconds, 1);
        var correlationId = CorrelationId.Get(context) ?? "-";
        if (context.Items.TryGetValue(ProblemKey, out var value) && value is ProblemDetails problem)
        {
            LogProblem(logger, level, method, route, status, Describe(problem, status), milliseconds, correlationId);
        }
        else
        {
            LogAnswer(logger, level, method, route, status, milliseconds, correlationId);
        }
    }

    // The code names the rule; only refusals also say why, since the caller's detail there is the whole diagnosis
    // (which token rule, which scope). Other details can be long lists of field errors the client already has.
    private static string Describe(ProblemDetails problem, int status)
    {
        var code = problem.Extensions.TryGetValue("code", out var value) && value is string text ? text
            : problem.Type?[(problem.Type.LastIndexOf('/') + 1)..] ?? "problem";
        return status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && !string.IsNullOrEmpty(problem.Detail)
            ? $"{code} ({problem.Detail})"
            : code;
    }

    [LoggerMessage(EventId = 1, Message = "{Method} {Route} {StatusCode} in {ElapsedMilliseconds} ms, correlation {CorrelationId}")]
    private static partial void LogAnswer(
        ILogger logger, LogLevel level, string method, string route, int statusCode, double elapsedMilliseconds, string correlationId);

    [LoggerMessage(EventId = 2, Message = "{Method} {Route} {StatusCode} {Problem} in {ElapsedMilliseconds} ms, correlation {CorrelationId}")]
    private static partial void LogProblem(
        ILogger logger, LogLevel level, string method, string route, int statusCode, string problem, double elapsedMilliseconds, string correlationId);
}
