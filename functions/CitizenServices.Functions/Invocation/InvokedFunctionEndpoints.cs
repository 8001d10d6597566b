using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Functions.Invocation;

public static class InvokedFunctionEndpoints
{
    public const string InvalidPayloadProblemType =
        "https://citizen-services.helsenorge.no/problems/invalid-invocation-payload";

    /// <summary>
    /// Registers <typeparamref name="TFunction"/> (scoped) and the shared <see cref="InvocationReader"/>, and has
    /// <see cref="MapInvokedFunctions"/> map it: a module declares each of its functions once, in its <c>Add</c> method.
    /// </summary>
    public static IServiceCollection AddInvokedFunction<TFunction>(this IServiceCollection services)
        where TFunction : class, IInvokedFunction
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InvocationReader>();
        if (!services.Any(d => d.ServiceType == typeof(TFunction)))
        {
            services.AddScoped<TFunction>();
            services.AddSingleton(new InvokedFunctionRegistration(endpoints => endpoints.MapInvokedFunction<TFunction>()));
        }

        return services;
    }

    /// <summary>Maps <c>POST /{Name}</c> for every function registered with <see cref="AddInvokedFunction{TFunction}"/>.</summary>
    public static IEndpointRouteBuilder MapInvokedFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var registration in endpoints.ServiceProvider.GetServices<InvokedFunctionRegistration>())
        {
            registration.Map(endpoints);
        }

        return endpoints;
    }

    /// <summary>
    /// Maps <c>POST /{Name}</c> for <typeparamref name="TFunction"/>, resolved from the request scope.
    /// Payload faults become a 400 problem detail naming the field; other exceptions propagate, so the host
    /// sees a failed invocation and retries.
    /// </summary>
    public static RouteHandlerBuilder MapInvokedFunction<TFunction>(this IEndpointRouteBuilder endpoints)
        where TFunction : class, IInvokedFunction
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Checked without resolving the function: resolving it would build its whole dependency graph (storage clients
        // and all) before the server listens, which is what the Functions host's readiness probe waits for.
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } services && !services.IsService(typeof(TFunction)))
        {
            throw new InvalidOperationException(
                $"{typeof(TFunction).Name} is not registered. Call services.AddInvokedFunction<{typeof(TFunction).Name}>().");
        }

        var name = TFunction.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{typeof(TFunction).Name}.Name must be a function folder name, not '{name}'.");
        }

        return endpoints
            .MapPost("/" + name, (Func<HttpContext, Task<IResult>>)(context => InvokeAsync<TFunction>(context, name)))
            .WithMetadata(new InvokedFunctionAttribute(name))
            .WithDisplayName($"Invoked function {name}")
            .ExcludeFromDescription()

            // Only the Functions host calls this route, over loopback and without a user token; proxied HTTP
            // traffic arrives under the /api route prefix and cannot reach it.
            .AllowAnonymous();
    }

    private static async Task<IResult> InvokeAsync<TFunction>(HttpContext context, string name)
        where TFunction : class, IInvokedFunction
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvokedFunctionEndpoints).FullName!);
        var invocationId = InvocationReader.InvocationId(context.Request);

        using (logger.BeginScope(new Dictionary<string, object?>
        {
            ["InvocationId"] = invocationId,
            ["FunctionName"] = name,
        }))
        {
            try
            {
                var reader = services.GetService<InvocationReader>() ?? new InvocationReader();
                var request = await reader.ReadAsync(context.Request, name, context.RequestAborted);
                var response = await services.GetRequiredService<TFunction>().InvokeAsync(request, context.RequestAborted);
                return Results.Bytes(response.ToUtf8Json(), "application/json");
            }
            catch (InvalidInvocationPayloadException exception)
            {
                logger.LogWarning(
                    exception,
                    "Rejected invocation of {FunctionName}: invalid payload at {PayloadField}",
                    name,
                    exception.Path);

                return TypedResults.Problem(
                    detail: exception.Message,
                    statusCode: exception.StatusCode,
                    title: "Invalid invocation payload",
                    type: InvalidPayloadProblemType,
                    extensions: new Dictionary<string, object?>
                    {
                        ["field"] = exception.Path,
                        ["invocationId"] = invocationId,
                    });
            }
        }
    }
}

/// <summary>How one registered invoked function is mapped; kept until the endpoints are built.</summary>
internal sealed record InvokedFunctionRegistration(Action<IEndpointRouteBuilder> Map);
