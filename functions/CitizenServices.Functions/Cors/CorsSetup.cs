using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CitizenServices.Functions.Cors;

/// <summary>
/// Cross-origin calls from browsers (docs/deployment.md, "CORS"). By default there are none: the Helsenorge front end
/// reaches the API through its own origin, and a preflight gets no CORS headers, so the browser refuses. Where a front end
/// on another origin must call the API, its origins are listed in <c>Cors:AllowedOrigins</c> (an array, or one
/// comma-separated value as the Bicep app setting gives it). The handler is the only CORS layer: platform CORS on the
/// function app stays off, since both would add headers and browsers reject doubled ones.
/// </summary>
public static class CorsSetup
{
    public const string OriginsSetting = "Cors:AllowedOrigins";

    /// <summary>Request headers a browser may send: the bearer token, JSON bodies, idempotency and correlation.</summary>
    public static IReadOnlyList<string> AllowedHeaders { get; } =
        ["Authorization", "Content-Type", "Accept", "Idempotency-Key", "X-Correlation-Id", "X-Channel", "If-Match"];

    /// <summary>Response headers script may read besides the safelisted ones.</summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } = ["Location", "ETag", "X-Correlation-Id", "Retry-After", "Repr-Digest"];

    public static IServiceCollection AddCitizenServicesCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.AddSingleton(new ConfiguredOrigins(origins));
        if (origins.Count > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p
                .WithOrigins([.. origins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
                .WithHeaders([.. AllowedHeaders])
                .WithExposedHeaders([.. ExposedHeaders])
                // Bearer tokens, not cookies: credentials mode stays off.
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        }

        return services;
    }

    /// <summary>Before authentication: a preflight carries no token and is answered here.</summary>
    public static IApplicationBuilder UseCitizenServicesCors(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<ConfiguredOrigins>().Origins.Count > 0)
        {
            app.UseCors();
        }

        return app;
    }

    /// <summary>The configured origins, each a bare https origin (http only for loopback); anything else stops start-up.</summary>
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(OriginsSetting);
        var values = section.GetChildren().Any()
            ? section.GetChildren().Select(c => c.Value ?? string.Empty)
            : (section.Value ?? string.Empty).Split(',');
        var origins = new List<string>();
        foreach (var raw in values.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri)
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
                || uri.PathAndQuery != "/" || raw.EndsWith('/') || raw.Contains('*', StringComparison.Ordinal) || uri.UserInfo.Length > 0)
            {
                throw new InvalidOperationException(
                    $"{OriginsSetting}: '{raw}' is not an origin. Give scheme, host and optional port only, e.g. https://www.helsenorge.no " +
                    "(https; http only for loopback; no wildcard, path or trailing slash).");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return origins;
    }

    private sealed record ConfiguredOrigins(IReadOnlyList<string> Origins);
}
