using System.Text.Json;
using CitizenServices.Domain.Identity;
using CitizenServices.Functions.Observability;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CitizenServices.Functions.Problems;

/// <summary>
/// Every error this handler returns is an RFC 9457 problem detail: unknown routes (404), wrong methods (405),
/// binding failures (400, naming the parameter) and unexpected faults (500, without internals).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCitizenServicesProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        // Minimal APIs write an empty 400 on binding failures unless asked to throw; throwing lets the
        // exception handler turn the framework's message (which names the parameter) into a problem detail.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseCitizenServicesProblemDetails(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();

        // Status codes produced without a body (routing's 404 and 405) get a problem detail too.
        app.UseStatusCodePages();
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = ProblemTypes.ForStatus(status);
        }

        // Problem bodies end up in client logs and support tickets, so an identity number in the path is masked.
        problem.Instance = NationalIdentityNumberRedaction.Redact(problem.Instance ?? context.HttpContext.Request.Path.Value ?? string.Empty);
        if (CorrelationId.Get(context.HttpContext) is { } correlationId)
        {
            problem.Extensions["correlationId"] = correlationId;
        }

        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            problem.Detail ??= $"The method {context.HttpContext.Request.Method} is not allowed on this resource.";
        }
        else if (status == StatusCodes.Status404NotFound)
        {
            problem.Detail ??= "No resource exists at this address.";
        }
    }

    /// <summary>
    /// Maps request faults the framework raises as exceptions (binding failures, malformed JSON, oversized
    /// bodies) to 4xx problem details. Anything else falls through to the default 500 problem, which
    /// carries no exception details outside Development.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail, field) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } bad =>
                    (bad.StatusCode, "The request body is not valid JSON: " + json.Message, json.Path),
                BadHttpRequestException bad => (bad.StatusCode, bad.Message, ParameterName(bad.Message)),
                JsonException json => (StatusCodes.Status400BadRequest, "The request body is not valid JSON: " + json.Message, json.Path),
                Application.AccessLog.AccessLogContentionException =>
                    (StatusCodes.Status503ServiceUnavailable, "Too many simultaneous changes for this person; try again shortly.", null),
                _ => (0, null, null),
            };
            if (status == 0)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                return false;
            }

            httpContext.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                httpContext.Response.Headers.RetryAfter = "1";
            }

            var problem = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status503ServiceUnavailable ? "The service is busy." : "The request is not valid.",
                Detail = detail,
            };
            if (!string.IsNullOrEmpty(field))
            {
                problem.Extensions["field"] = field;
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            });
        }

        // The framework's binding messages read: Failed to bind parameter "int id" from "abc".
        // or: Required parameter "string name" was not provided from query string.
        private static string? ParameterName(string message)
        {
            var start = message.IndexOf('"', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
            if (end <= start)
            {
                return null;
            }

            var declaration = message[(start + 1)..end];
            var space = declaration.LastIndexOf(' ');
            return space < 0 ? declaration : declaration[(space + 1)..];
        }
    }
}
