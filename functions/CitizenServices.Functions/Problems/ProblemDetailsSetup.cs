using Microsoft.AspNetCore.Diagnostics;

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

        if (problem.Type.StartsWith(ProblemTypes.Base, StringComparison.Ordinal) && !problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = problem.Type[ProblemTypes.Base.Length..];
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
    /// Maps request faults the framework raises as exceptions (binding failures, malformed JSON, oversized bodies) to 4xx
    /// problem details through the one error mapping, in the client's terms and without .NET type names. Anything else
    /// falls through to the default 500 problem, which carries no exception details outside Development.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is Application.AccessLog.AccessLogContentionException)
            {
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                httpContext.Response.Headers.RetryAfter = "1";
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    Exception = exception,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = "The service is busy.",
                        Detail = "Too many simultaneous changes for this person; try again shortly.",
                    },
                });
            }

            var (status, error) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, JsonErrors.From(json)),
                BadHttpRequestException bad => (bad.StatusCode, Binding(bad)),
                JsonException json => (StatusCodes.Status400BadRequest, JsonErrors.From(json)),
                _ => (0, null),
            };
            if (error is null)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                return false;
            }

            var problem = error.ToProblemDetails();
            if (status != StatusCodes.Status400BadRequest)
            {
                // 413 and 415 keep their own status and type; the detail still says what to do.
                problem.Status = status;
                problem.Type = ProblemTypes.ForStatus(status);
                problem.Extensions.Remove("code");
            }

            httpContext.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }

        // The framework's binding messages read: Failed to bind parameter "int id" from "abc".
        // or: Required parameter "string name" was not provided from query string. They name .NET types and echo input.
        private static Error Binding(BadHttpRequestException bad)
        {
            var field = ParameterName(bad.Message) ?? "body";
            return bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Error.BadRequest("body", "The request body is too large."),
                StatusCodes.Status415UnsupportedMediaType => Error.BadRequest("Content-Type", "Send the body as application/json."),
                _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => Error.BadRequest("body", "A JSON body is required."),
                _ when bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) => Error.BadRequest(field, "Required."),
                _ => Error.BadRequest(field, "Not a valid value for this parameter."),
            };
        }

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
