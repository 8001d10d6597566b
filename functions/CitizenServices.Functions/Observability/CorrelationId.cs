using System.Diagnostics;

namespace CitizenServices.Functions.Observability;

/// <summary>
/// One correlation id per request or invocation, taken from the caller when it sends a well-formed one
/// (<c>X-Correlation-Id</c>), else from the Functions host's invocation id, else from the trace id.
/// It is returned in the response header, put on every log line (scope) and into problem details and events.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";
    private const int MaxLength = 64;
    private static readonly object ItemKey = new();

    public static string? Get(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var id = Choose(context);
            context.Items[ItemKey] = id;
            context.Response.Headers[HeaderName] = id;
            Activity.Current?.SetTag("correlation.id", id);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CitizenServices.Request");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next(context);
            }
        });

    private static string Choose(HttpContext context)
    {
        foreach (var header in new[] { HeaderName, InvocationIdHeader })
        {
            var candidate = context.Request.Headers[header].ToString();
            if (IsWellFormed(candidate))
            {
                return candidate;
            }
        }

        return Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
    }

    // Only short ids of safe characters are echoed back or logged: a caller must not be able to inject
    // log lines or oversized headers through this value.
    public static bool IsWellFormed(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
