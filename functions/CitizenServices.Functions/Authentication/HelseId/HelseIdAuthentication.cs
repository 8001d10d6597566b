using CitizenServices.Application.Authentication;
using CitizenServices.Infrastructure.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CitizenServices.Functions.Authentication.HelseId;

/// <summary>
/// The third scheme, beside ID-porten (citizens) and Entra ID (workforce): sector systems with HelseID access tokens,
/// sender-constrained with DPoP (RFC 9449). A request is accepted only as <c>Authorization: DPoP &lt;token&gt;</c> with one
/// <c>DPoP</c> proof header that <see cref="DPoPProofValidator"/> accepts and that no instance has seen before
/// (<see cref="IProofReplayCache"/>, in Table Storage). A HelseID token sent as <c>Bearer</c> is refused, bound or not.
/// The <see cref="SectorSchemes.Sector"/> policy scheme lets the registry endpoints take either HelseID or Entra ID.
/// </summary>
public static class HelseIdAuthentication
{
    private static readonly string[] TokenAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    private static readonly JsonWebTokenHandler Reader = new();
    private static readonly object PresentedAsKey = new();
    private static readonly object ProofRefusedKey = new();
    private static readonly object ReplayCacheUnavailableKey = new();

    public static WebApplicationBuilder AddHelseIdAuthentication(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(authentication);
        var options = new HelseIdOptions();
        builder.Configuration.GetSection(HelseIdOptions.SectionName).Bind(options);
        ApplyDevelopmentKey(builder.Environment, builder.Configuration, options);
        var origins = PublicOrigins(options);

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DPoPProofValidator>();
        builder.Services.AddTableProofReplayCache();
        authentication.AddJwtBearer(SectorSchemes.HelseId, o => Configure(o, options, origins));
        authentication.AddPolicyScheme(SectorSchemes.Sector, "HelseID with DPoP, or Entra ID", o =>
            o.ForwardDefaultSelector = context => SelectScheme(context, options));

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SectorPolicies.ConsentsRead, p => Sector(p, HelseIdScopes.ConsentsRead, AppRoles.RegistryRead))
            .AddPolicy(SectorPolicies.ConsentsList, p => Sector(p, HelseIdScopes.ConsentsList, AppRoles.RegistryRead))
            .AddPolicy(SectorPolicies.RepresentationRead, p => Sector(p, HelseIdScopes.RepresentationRead, null));
        builder.Services.AddSingleton<IAuthorizationHandler, SectorAccessRequirement.Handler>();
        return builder;
    }

    private static void Sector(AuthorizationPolicyBuilder policy, string scope, string? entraRole) => policy
        .AddAuthenticationSchemes(SectorSchemes.Sector)
        .RequireAuthenticatedUser()
        .AddRequirements(new SectorAccessRequirement(scope, entraRole));

    /// <summary>
    /// DPoP, and bearer tokens HelseID issued or bound to a key, go to HelseID (which refuses the bearer ones, saying why);
    /// every other request to Entra ID. Requests without credentials go to HelseID, whose challenge names both schemes.
    /// </summary>
    private static string SelectScheme(HttpContext context, HelseIdOptions options)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0 || authorization.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase))
        {
            return SectorSchemes.HelseId;
        }

        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && IsHelseIdOrBound(authorization[7..].Trim(), options)
            ? SectorSchemes.HelseId
            : AuthSchemes.Workforce;
    }

    // Unvalidated: this only picks which scheme validates the token, and refuses nothing by itself.
    private static bool IsHelseIdOrBound(string token, HelseIdOptions options)
    {
        try
        {
            if (!Reader.CanReadToken(token))
            {
                return false;
            }

            var jwt = Reader.ReadJsonWebToken(token);
            return string.Equals(jwt.Issuer, options.Issuer, StringComparison.Ordinal) || BoundThumbprint(jwt) is not null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return false;
        }
    }

    private static void Configure(JwtBearerOptions o, HelseIdOptions options, IReadOnlyList<Uri> origins)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ValidAlgorithms = TokenAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = options.ClockSkew,
            AuthenticationType = SectorSchemes.HelseId,
            NameClaimType = HelseIdClaims.ClientId,
        };
        if (options.SigningKeys.Count > 0)
        {
            o.TokenValidationParameters.IssuerSigningKeys = options.SigningKeys.Select(SigningKeys.FromPem).ToList();
            o.Configuration = new OpenIdConnectConfiguration { Issuer = options.Issuer };
        }
        else
        {
            o.MetadataAddress = options.ResolveMetadataAddress();
        }

        o.Events = new JwtBearerEvents
        {
            OnMessageReceived = ReadToken,
            OnTokenValidated = context => CheckProofAsync(context, options, origins),
            OnChallenge = WriteChallengeAsync,
        };
    }

    /// <summary>RFC 9449 §7.1: the token follows <c>DPoP</c>; a <c>Bearer</c> one is read only to refuse it with a reason.</summary>
    private static Task ReadToken(MessageReceivedContext context)
    {
        var values = context.Request.Headers.Authorization;
        if (values.Count > 1)
        {
            context.Fail("Send one Authorization header.");
            return Task.CompletedTask;
        }

        var value = values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
        var presentedAs = value.StartsWith("DPoP ", StringComparison.OrdinalIgnoreCase) ? "DPoP"
            : value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer"
            : null;
        var token = presentedAs is null ? string.Empty : value[(presentedAs.Length + 1)..].Trim();
        if (token.Length == 0)
        {
            context.NoResult();
            return Task.CompletedTask;
        }

        context.HttpContext.Items[PresentedAsKey] = presentedAs;
        context.Token = token;
        return Task.CompletedTask;
    }

    private static async Task CheckProofAsync(TokenValidatedContext context, HelseIdOptions options, IReadOnlyList<Uri> origins)
    {
        var http = context.HttpContext;
        var jwt = context.SecurityToken as JsonWebToken;
        var thumbprint = jwt is null ? null : BoundThumbprint(jwt);
        if (!Equals(http.Items[PresentedAsKey], "DPoP"))
        {
            context.Fail(thumbprint is null
                ? "HelseID tokens are accepted only as DPoP tokens: ask HelseID for a DPoP-bound token and send it as Authorization: DPoP with a DPoP proof."
                : "The token is bound to a key (cnf.jkt): send it as Authorization: DPoP with a DPoP proof, not as Bearer.");
            return;
        }

        if (jwt is null || thumbprint is null)
        {
            context.Fail("The token is not bound to a key (no cnf.jkt): ask HelseID for a DPoP-bound token.");
            return;
        }

        // RFC 9449 §4.3: not more than one DPoP header. A JWT holds no comma, so a comma means proofs joined into one line.
        var proofs = http.Request.Headers["DPoP"];
        if (proofs.Count > 1 || proofs.ToString().Contains(',', StringComparison.Ordinal))
        {
            http.Items[ProofRefusedKey] = true;
            context.Fail("Send exactly one DPoP proof header.");
            return;
        }

        if (string.IsNullOrEmpty(proofs.ToString()))
        {
            http.Items[ProofRefusedKey] = true;
            context.Fail("A DPoP proof (the DPoP header) is required with a DPoP token.");
            return;
        }

        var services = http.RequestServices;
        var checkedProof = await services.GetRequiredService<DPoPProofValidator>()
            .ValidateAsync(proofs.ToString(), http.Request.Method, Targets(http, origins), jwt.EncodedToken, thumbprint);
        if (checkedProof.Proof is not { } proof)
        {
            http.Items[ProofRefusedKey] = true;
            context.Fail(checkedProof.Error!);
            return;
        }

        bool firstUse;
        try
        {
            firstUse = await services.GetRequiredService<IProofReplayCache>().TryRecordAsync(proof.ProofId, proof.IssuedAt, http.RequestAborted);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or TimeoutException)
        {
            // Without the shared record a replay could not be told apart: refuse, as unavailable rather than unauthorized.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HelseIdAuthentication))
                .LogError(ex, "The DPoP replay cache could not record a proof; the request is refused.");
            http.Items[ReplayCacheUnavailableKey] = true;
            context.Fail("DPoP proofs cannot be checked right now.");
            return;
        }

        if (!firstUse)
        {
            http.Items[ProofRefusedKey] = true;
            context.Fail("The DPoP proof was presented before (its jti is replayed): make a new proof for every request.");
        }
    }

    /// <summary>The request's URI as clients address it: each public origin (or the request's own) with the request path.</summary>
    private static List<Uri> Targets(HttpContext http, IReadOnlyList<Uri> origins)
    {
        var path = (http.Request.PathBase + http.Request.Path).ToUriComponent();
        var bases = origins.Count > 0 ? origins : [new Uri($"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}")];
        var targets = new List<Uri>(bases.Count);
        foreach (var origin in bases)
        {
            if (Uri.TryCreate(origin, path, out var target))
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    /// <summary>The token's <c>cnf.jkt</c> (RFC 9449 §6.1), or null when the token is not bound to a key.</summary>
    private static string? BoundThumbprint(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload));
        return payload.RootElement.ValueKind == JsonValueKind.Object
            && payload.RootElement.TryGetProperty(HelseIdClaims.Confirmation, out var cnf) && cnf.ValueKind == JsonValueKind.Object
            && cnf.TryGetProperty("jkt", out var jkt) && jkt.ValueKind == JsonValueKind.String && jkt.GetString() is { Length: > 0 } value
                ? value
                : null;
    }

    /// <summary>401 as a problem detail saying why, with <c>WWW-Authenticate: DPoP</c> (RFC 9449 §7.1); 503 when replays cannot be checked.</summary>
    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (http.Items.ContainsKey(ReplayCacheUnavailableKey))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "1";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = ProblemTypes.ServiceUnavailable,
                    Title = "The service is busy.",
                    Detail = "DPoP proofs cannot be checked right now; try again shortly with a new proof.",
                },
            });
            return;
        }

        var failure = context.AuthenticateFailure;
        var reason = failure switch
        {
            null => "A HelseID access token is required (Authorization: DPoP <token> with a DPoP proof), or an Entra ID bearer token with the operation's app role.",
            AuthenticationFailureException => failure.Message,
            _ => TokenFailures.Describe(failure) ?? TokenFailures.NotValid,
        };
        var algorithms = $"algs=\"{string.Join(' ', DPoPProofValidator.Algorithms)}\"";
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = failure is null
            ? new Microsoft.Extensions.Primitives.StringValues([$"DPoP {algorithms}", "Bearer"])
            : $"DPoP error=\"{(http.Items.ContainsKey(ProofRefusedKey) ? "invalid_dpop_proof" : "invalid_token")}\", {algorithms}";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthorized,
                Title = "Authentication is required.",
                Detail = reason,
            },
        });
    }

    private static List<Uri> PublicOrigins(HelseIdOptions options)
    {
        var origins = new List<Uri>();
        foreach (var text in options.PublicOrigins)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var origin) || (origin.Scheme != Uri.UriSchemeHttps && origin.Scheme != Uri.UriSchemeHttp)
                || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0)
            {
                throw new InvalidOperationException(
                    $"{HelseIdOptions.SectionName}:PublicOrigins: '{text}' is not an origin (scheme, host and port, e.g. https://api.example.no).");
            }

            origins.Add(origin);
        }

        return origins;
    }

    /// <summary>
    /// With <c>Authentication:UseDevelopmentKey</c> in Development, HelseID trusts the development key too; outside
    /// Development the app refuses to start when the key is trusted here, as for the other schemes.
    /// </summary>
    private static void ApplyDevelopmentKey(IHostEnvironment environment, IConfiguration configuration, HelseIdOptions options)
    {
        var requested = configuration.GetValue<bool>(DevelopmentSigningKey.UseSetting);
        if (!requested && options.SigningKeys.Count == 0)
        {
            return;
        }

        // Recognised by its id: a deployed package does not carry the key file to compare with.
        var trusted = requested || options.SigningKeys.Any(p => SigningKeys.KeyId(SigningKeys.FromPem(p)) == DevelopmentSigningKey.KeyId);
        if (trusted && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development signing key is trusted in the '{environment.EnvironmentName}' environment. " +
                $"It is public and may only be used in Development; remove {DevelopmentSigningKey.UseSetting} and the key from {HelseIdOptions.SectionName}:SigningKeys.");
        }

        if (requested)
        {
            options.SigningKeys.Add(DevelopmentSigningKey.LoadPem(configuration));
        }
    }
}
