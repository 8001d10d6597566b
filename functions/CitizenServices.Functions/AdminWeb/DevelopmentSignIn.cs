using System.Security.Cryptography;

namespace CitizenServices.Functions.AdminWeb;

/// <param name="Roles">App roles, from <see cref="AppRoles.All"/>.</param>
/// <param name="Municipality">The kommunenummer the signed-in person works for (4 digits).</param>
public sealed record DevelopmentSignInBody(IReadOnlyList<string>? Roles, string? Municipality);

public sealed record DevelopmentSignInView(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// The admin web's sign-in on a developer's machine: a workforce token for the chosen roles and municipality, shaped like
/// Entra ID's and signed with the committed development key, which only the Development environment trusts. The endpoint
/// exists only where that key is trusted (Development with <c>Authentication:UseDevelopmentKey</c>); anywhere else it is
/// not mapped, so a POST to the path is refused by routing and no token is ever issued (<c>DevelopmentSignInTests</c>).
/// </summary>
public static class DevelopmentSignIn
{
    /// <summary>Whoever signs in here: one fixed object id, so the pilot's history shows the same "who" across sign-ins.</summary>
    public const string ObjectId = "11111111-2222-3333-4444-555555555555";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static bool IsAvailable(IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() && configuration.GetValue<bool>(DevelopmentSigningKey.UseSetting);
    }

    internal static async Task<IResult> IssueAsync(HttpContext context, IConfiguration configuration, TimeProvider time)
    {
        DevelopmentSignInBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, AdminWebJson.Default.DevelopmentSignInBody, context.RequestAborted);
        }
        catch (JsonException)
        {
            return ErrorProblems.BadRequest("body", "A JSON object with roles and municipality.");
        }

        var errors = new List<FieldError>();
        var roles = body?.Roles ?? [];
        if (roles.Count == 0)
        {
            errors.Add(new FieldError(Error.InvalidRequestCode, "roles", "Choose at least one role."));
        }
        else if (roles.FirstOrDefault(r => !AppRoles.All.Contains(r, StringComparer.Ordinal)) is { } unknown)
        {
            errors.Add(new FieldError(Error.InvalidRequestCode, "roles", $"'{unknown}' is not an app role of this API."));
        }

        if (body?.Municipality is not { Length: 4 } municipality || !municipality.All(char.IsAsciiDigit))
        {
            errors.Add(new FieldError(Error.InvalidRequestCode, "municipality", "A kommunenummer of 4 digits, e.g. 0301."));
        }

        if (errors.Count > 0)
        {
            return (Error.BadRequest(errors[0].Field, errors[0].Detail) with { Errors = errors.Count > 1 ? errors : [] }).ToProblem();
        }

        var now = time.GetUtcNow();
        // Not disposed: IdentityModel caches the signature provider by the key's thumbprint, so a disposed RSA would be
        // reused by the next sign-in and fail it. Development only, one key object per sign-in.
        var rsa = RSA.Create();
        rsa.ImportFromPem(DevelopmentSigningKey.LoadPem(configuration));
        var claim = configuration[WorkforceAuthenticationOptions.SectionName + ":MunicipalityClaim"] ?? "kommunenummer";
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = configuration[WorkforceAuthenticationOptions.SectionName + ":Issuer"] ?? DevelopmentSigningKey.WorkforceIssuer,
            Audience = configuration["AzureAd:Audience"],
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["roles"] = roles.ToArray(),
                [claim] = body!.Municipality!,
                ["oid"] = ObjectId,
                ["sub"] = ObjectId,
                ["tid"] = configuration["AzureAd:TenantId"] ?? string.Empty,
                ["azp"] = "admin-web-development",
                ["name"] = "Utvikler (lokal innlogging)",
                ["ver"] = "2.0",
            },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        };
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new DevelopmentSignInView(token, now + Lifetime), AdminWebJson.Default.DevelopmentSignInView);
    }
}
