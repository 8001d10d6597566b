namespace CitizenServices.Functions.Health;

/// <summary>
/// Three kinds of health (docs/architecture.md, "Health"):
/// <list type="bullet">
/// <item><c>GET /</c>: the Functions host's start-up probe of the handler. It polls until any response, so it answers at
/// once and touches nothing.</item>
/// <item><c>GET /api/v1/health/live</c>: liveness. The process answers HTTP; no storage call, so no load can fail it.</item>
/// <item><c>GET /api/v1/health/ready</c>, and <c>GET /api/v1/health</c> as before: readiness, whether Table, Blob and
/// Queue storage answer, from a cached probe refreshed in the background (<see cref="StorageReadiness"/>).</item>
/// </list>
/// </summary>
public static class HealthApi
{
    public static IServiceCollection AddCitizenServicesHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName));
        services.AddSingleton<StorageReadiness>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Public: the host polls it without a token, and it reveals nothing.
        app.MapGet("/", () => TypedResults.Text("ready"))
            .WithName("Readiness")
            .ExcludeFromDescription()
            .AllowAnonymous();

        // Public: load balancers and the post-deployment check call these without a token; they show only the version and
        // whether storage answers.
        var health = app.MapGroup("/api/v1").AllowAnonymous().WithTags("Health");
        health.MapGet("/health", GetReadinessAsync)
            .WithName("GetHealth")
            .WithSummary("Version of the running service and whether Table, Blob and Queue storage are reachable (the same answer as /api/v1/health/ready).")
            .ProducesReadiness();
        health.MapGet("/health/ready", GetReadinessAsync)
            .WithName("GetReadiness")
            .WithSummary("Readiness: whether Table, Blob and Queue storage are reachable, from a probe at most a minute old (checkedAt).")
            .ProducesReadiness();
        health.MapGet("/health/live", () => TypedResults.Ok(new LivenessReport("alive", AppVersion.Current)))
            .WithName("GetLiveness")
            .WithSummary("Liveness: the service answers. Touches no storage.")
            .Produces<LivenessReport>(StatusCodes.Status200OK);
        return app;
    }

    private static RouteHandlerBuilder ProducesReadiness(this RouteHandlerBuilder route) => route
        .Produces<HealthReport>(StatusCodes.Status200OK)
        .ProducesProblems(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetReadinessAsync(
        StorageReadiness readiness, CancellationToken cancellationToken)
    {
        var (storage, checkedAt) = await readiness.GetAsync(cancellationToken);
        var report = new HealthReport(
            storage.Healthy ? "healthy" : "unhealthy",
            AppVersion.Current,
            new StorageReport(storage.Tables, storage.Blobs, storage.Queues),
            checkedAt);
        if (storage.Healthy)
        {
            return TypedResults.Ok(report);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: ProblemTypes.ServiceUnavailable,
            title: "A storage service is not reachable.",
            detail: string.Join("; ", storage.Errors.Select(e => $"{e.Key}: {e.Value}")),
            extensions: new Dictionary<string, object?>
            {
                ["version"] = report.Version, ["storage"] = report.Storage, ["checkedAt"] = checkedAt,
            });
    }

    /// <param name="CheckedAt">When storage was probed: the answer is at most <c>Health:MaxStaleness</c> old.</param>
    public sealed record HealthReport(string Status, string Version, StorageReport Storage, DateTimeOffset CheckedAt);

    public sealed record StorageReport(bool Tables, bool Blobs, bool Queues);

    public sealed record LivenessReport(string Status, string Version);
}
