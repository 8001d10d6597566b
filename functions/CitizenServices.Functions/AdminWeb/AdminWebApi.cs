using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace CitizenServices.Functions.AdminWeb;

/// <summary>Settings of the admin web for municipal staff (section <c>AdminWeb</c>, docs/admin-web.md).</summary>
public sealed class AdminWebOptions
{
    public const string SectionName = "AdminWeb";

    /// <summary>The admin web's own Entra app registration (a single-page application with the redirect URI <c>{origin}/api/admin/</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>The Entra tenant staff sign in with; defaults to <c>AzureAd:TenantId</c>.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// The OAuth 2.0 endpoints' base (<c>{Authority}/authorize</c>, <c>{Authority}/token</c>); defaults to
    /// <c>https://login.microsoftonline.com/{TenantId}/oauth2/v2.0</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The API scope the admin web asks for; defaults to <c>{AzureAd:Audience}/.default</c>, which carries the app roles.</summary>
    public string? ApiScope { get; set; }
}

/// <summary>
/// The admin web for municipal staff (docs/admin-web.md): plain HTML, CSS and JavaScript modules served by the handler
/// itself under <c>/api/admin/</c> (function <c>AdminWeb</c>), so it shares the API's origin, needs no CORS and no second
/// resource. The files are public (they hold no data); every piece of data comes from the API with the signed-in user's
/// Entra ID token, under the same role policies as any other caller.
/// </summary>
public static class AdminWebApi
{
    public const string BasePath = "/api/admin";

    /// <summary>The folder beside the handler the pages are published to (the project copies <c>AdminWeb/site</c> there).</summary>
    public const string SiteFolder = "admin-web";

    /// <summary>
    /// Only this origin's scripts and styles, no inline script; the token endpoint is the only other origin called. No
    /// framing (clickjacking of an admin form).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' {0}; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self' {0}; object-src 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapAdminWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new AdminWebOptions();
        app.Configuration.GetSection(AdminWebOptions.SectionName).Bind(options);
        var config = ClientConfiguration(app.Configuration, options, DevelopmentSignIn.IsAvailable(app.Environment, app.Configuration));
        var authorityOrigin = config.Entra is { } entra ? new Uri(entra.Authority).GetLeftPart(UriPartial.Authority) : string.Empty;
        var csp = ContentSecurityPolicy.Replace("{0}", authorityOrigin, StringComparison.Ordinal).Replace(" ;", ";", StringComparison.Ordinal);
        var root = Path.Combine(AppContext.BaseDirectory, SiteFolder);
        var files = Directory.Exists(root) ? new PhysicalFileProvider(root) : null;

        var web = app.MapGroup(BasePath).AllowAnonymous().ExcludeFromDescription().WithTags("Admin web");
        web.MapGet("/config.json", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Json(config, AdminWebJson.Default.AdminWebClientConfig);
        });
        web.MapGet("/{**path}", (HttpContext context, string? path) => Serve(context, files, path, csp));
        if (config.DevelopmentSignIn)
        {
            web.MapPost("/dev-sign-in", DevelopmentSignIn.IssueAsync);
        }

        return app;
    }

    /// <summary>What the pages need to sign in: the Entra endpoints and client, or the development sign-in.</summary>
    public static AdminWebClientConfig ClientConfiguration(IConfiguration configuration, AdminWebOptions options, bool developmentSignIn)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var tenant = Blank(options.TenantId) ?? Blank(configuration["AzureAd:TenantId"]);
        var instance = (Blank(configuration["AzureAd:Instance"]) ?? "https://login.microsoftonline.com/").TrimEnd('/');
        var authority = Blank(options.Authority) ?? (tenant is null ? null : $"{instance}/{tenant}/oauth2/v2.0");
        var audience = Blank(configuration["AzureAd:Audience"])
            ?? (Blank(configuration["AzureAd:ClientId"]) is { } api ? "api://" + api : null);
        var scope = Blank(options.ApiScope) ?? (audience is null ? null : audience.TrimEnd('/') + "/.default");
        var entra = Blank(options.ClientId) is { } client && authority is not null && scope is not null
            ? new EntraSignIn(authority.TrimEnd('/'), client, scope)
            : null;
        var claim = Blank(configuration[WorkforceAuthenticationOptions.SectionName + ":MunicipalityClaim"]) ?? "kommunenummer";
        return new AdminWebClientConfig(entra, developmentSignIn, claim, AppRoles.All);
    }

    private static IResult Serve(HttpContext context, PhysicalFileProvider? files, string? path, string csp)
    {
        if (string.IsNullOrEmpty(path) && context.Request.Path.Value?.EndsWith('/') != true)
        {
            // The pages' relative links (admin.css, js/...) resolve against /api/admin/, not /api/.
            return TypedResults.Redirect(BasePath + "/");
        }

        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        // Only plain names of the site's own files: no dot segments, no hidden files, no folders outside it.
        if (files is null || relative.Split('/').Any(s => s.Length == 0 || s.StartsWith('.'))
            || !ContentTypes.TryGetContentType(relative, out var contentType))
        {
            return NotFound();
        }

        var file = files.GetFileInfo(relative);
        if (!file.Exists || file.IsDirectory)
        {
            return NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = csp;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // The pages change with each deployment and are small: always revalidate rather than serve yesterday's script.
        headers.CacheControl = "no-cache";
        // Streamed from disk by the server, not copied into memory per request.
        return TypedResults.PhysicalFile(file.PhysicalPath!, contentType + (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : string.Empty));
    }

    private static ProblemHttpResult NotFound() => Error.NotFound(Error.NotFoundCode, null, "No page of the admin web exists at this address.").ToProblem();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The Entra ID endpoints and the admin web's client id, for the authorization code flow with PKCE.</summary>
public sealed record EntraSignIn(string Authority, string ClientId, string Scope);

/// <summary>What <c>/api/admin/config.json</c> tells the pages.</summary>
public sealed record AdminWebClientConfig(EntraSignIn? Entra, bool DevelopmentSignIn, string MunicipalityClaim, IReadOnlyList<string> Roles);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdminWebClientConfig))]
[JsonSerializable(typeof(DevelopmentSignInBody))]
[JsonSerializable(typeof(DevelopmentSignInView))]
internal sealed partial class AdminWebJson : JsonSerializerContext;
