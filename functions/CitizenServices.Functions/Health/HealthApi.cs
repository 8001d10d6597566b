using CitizenServices.Functions.Observability;
using CitizenServices.Functions.Problems;
using CitizenServices.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenServices.Functions.Health;

/// <summary>
/// <c>GET /</c> is the Functions host's readiness probe: it polls until any response, so it answers at once
/// and touches nothing. <c>GET /api/v1/health</c> is the operational check: version and whether each
/// storage service answers.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Public: the host polls it without a token, and it reveals nothing.
        app.MapGet("/", () => TypedResults.Text("ready"))
            .WithName("Readiness")
            .ExcludeFromDescription()
            .AllowAnonymous();

        app.MapGet("/api/v1/health", GetHealthAsync)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("Version of the running service and whether Table, Blob and Queue storage are reachable.")
            .Produces<HealthReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)

            // Public: load balancers and the post-deployment check call it without a token; it shows only the version and
            // whether storage answers.
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealthAsync(
        StorageHealthProbe probe, CancellationToken cancellationToken)
    {
        var storage = await probe.CheckAsync(cancellationToken);
        var report = new HealthReport(
            storage.Tables && storage.Blobs && storage.Queues ? "healthy" : "unhealthy",
            AppVersion.Current,
            new StorageReport(storage.Tables, storage.Blobs, storage.Queues));
        if (report.Status == "healthy")
        {
            return TypedResults.Ok(report);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: ProblemTypes.ServiceUnavailable,
            title: "A storage service is not reachable.",
            detail: string.Join("; ", storage.Errors.Select(e => $"{e.Key}: {e.Value}")),
            extensions: new Dictionary<string, object?> { ["version"] = report.Version, ["storage"] = report.Storage });
    }

    public sealed record HealthReport(string Status, string Version, StorageReport Storage);

    public sealed record StorageReport(bool Tables, bool Blobs, bool Queues);
}
