using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CitizenServices.Functions.Authentication;

/// <summary>
/// Two bearer schemes: citizens (ID-porten-shaped tokens, <c>pid</c> and <c>acr</c>) and the workforce and
/// sector systems (Entra ID through Microsoft.Identity.Web, app roles and a municipality claim). Only
/// asymmetric signatures are accepted; every failure is a 401 problem detail and every refusal a 403 one.
/// </summary>
public static class AuthenticationSetup
{
    private static readonly string[] AsymmetricAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static WebApplicationBuilder AddCitizenServicesAuthentication(this WebApplicationBuilder builder)
    {
        var citizen = new CitizenAuthenticationOptions();
        builder.Configuration.GetSection(CitizenAuthenticationOptions.SectionName).Bind(citizen);
        var workforce = new WorkforceAuthenticationOptions();
        builder.Configuration.GetSection(WorkforceAuthenticationOptions.SectionName).Bind(workforce);
        DevelopmentSigningKey.Apply(builder.Environment, builder.Configuration, citizen, workforce);
        builder.Services.AddSingleton(citizen);
        builder.Services.AddSingleton(workforce);

        // A workforce token without roles authenticates, so the role policies answer 403 (not 401: the caller is known,
        // the role is missing). Registered before Microsoft.Identity.Web's own binding, which merges it. Every workforce
        // route requires a role, so no route accepts such a token.
        builder.Services.Configure<MicrosoftIdentityOptions>(AuthSchemes.Workforce, o => o.AllowWebApiToBeAuthorizedByACL = true);
        var authentication = builder.Services.AddAuthentication();
        authentication.AddJwtBearer(AuthSchemes.Citizen, o => ConfigureCitizen(o, citizen));
        authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"), AuthSchemes.Workforce);
        if (workforce.SigningKeys.Count > 0)
        {
            // Offline trust for tests and local runs: the given keys and issuer instead of Entra's metadata.
            builder.Services.PostConfigure<JwtBearerOptions>(AuthSchemes.Workforce, o => UseStaticKeys(o, workforce));
        }

        builder.Services.PostConfigure<JwtBearerOptions>(AuthSchemes.Workforce, o =>
        {
            o.TokenValidationParameters.ValidAlgorithms = AsymmetricAlgorithms;
            o.TokenValidationParameters.RoleClaimType = "roles";
            o.MapInboundClaims = false;
            o.Events.OnChallenge = WriteChallengeProblemAsync;
            var identityWebValidated = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = async context =>
            {
                if (TokenShape.Check(context.SecurityToken, [workforce.MunicipalityClaim], workforce.MaxTokenLifetime) is { } broken)
                {
                    context.Fail(broken);
                    return;
                }

                await identityWebValidated(context);
            };
        });

        // Sector systems: HelseID with DPoP, in its own files (HelseId/).
        builder.AddHelseIdAuthentication(authentication);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Citizen, p => p
                .AddAuthenticationSchemes(AuthSchemes.Citizen)
                .RequireAuthenticatedUser()
                .RequireClaim(CitizenClaims.Pid)
                .AddRequirements(new AssuranceRequirement()));
        foreach (var role in AppRoles.All)
        {
            builder.Services.AddAuthorizationBuilder().AddPolicy(role, p => p
                .AddAuthenticationSchemes(AuthSchemes.Workforce)
                .RequireAuthenticatedUser()
                .RequireRole(role)
                .AddRequirements(new MunicipalityRequirement()));
        }

        builder.Services.AddSingleton<IAuthorizationHandler, AssuranceRequirement.Handler>();
        builder.Services.AddSingleton<IAuthorizationHandler, MunicipalityRequirement.Handler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>The workforce caller's object id (<c>oid</c>, else <c>sub</c>) from a validated Entra token: who changed what.</summary>
    public static string WorkforceObjectId(this ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value
        ?? throw new InvalidOperationException("A workforce token without oid or sub.");

    /// <summary>The citizen's national identity number, from a validated citizen token.</summary>
    public static NationalIdentityNumber? CitizenId(this ClaimsPrincipal user) =>
        NationalIdentityNumber.TryParse(user.FindFirst(CitizenClaims.Pid)?.Value, out var id) ? id : null;

    private static void ConfigureCitizen(JwtBearerOptions o, CitizenAuthenticationOptions citizen)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = citizen.Issuer,
            ValidAudience = citizen.Audience,
            ValidAlgorithms = AsymmetricAlgorithms,
            NameClaimType = CitizenClaims.Pid,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (citizen.SigningKeys.Count > 0)
        {
            var keys = citizen.SigningKeys.Select(SigningKeys.FromPem).ToList();
            o.TokenValidationParameters.IssuerSigningKeys = keys;
            o.Configuration = new OpenIdConnectConfiguration { Issuer = citizen.Issuer };
        }
        else
        {
            o.MetadataAddress = citizen.MetadataAddress
                ?? throw new InvalidOperationException(
                    $"{CitizenAuthenticationOptions.SectionName}: set MetadataAddress (ID-porten's discovery document) or SigningKeys.");
        }

        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (TokenShape.Check(context.SecurityToken, [CitizenClaims.Pid, CitizenClaims.Acr], citizen.MaxTokenLifetime) is { } broken)
                {
                    context.Fail(broken);
                    return Task.CompletedTask;
                }

                // A token without a valid national identity number identifies nobody we can act for.
                if (context.Principal?.CitizenId() is null)
                {
                    context.Fail("The token's pid claim is missing or is not a valid national identity number.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = WriteChallengeProblemAsync,
        };
    }

    private static void UseStaticKeys(JwtBearerOptions o, WorkforceAuthenticationOptions workforce)
    {
        var keys = workforce.SigningKeys.Select(SigningKeys.FromPem).ToList();
        var configuration = new OpenIdConnectConfiguration { Issuer = workforce.Issuer };
        foreach (var key in keys)
        {
            configuration.SigningKeys.Add(key);
        }

        o.Authority = null;
        o.Configuration = configuration;
        o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        var parameters = o.TokenValidationParameters;
        parameters.IssuerSigningKeys = keys;
        parameters.ValidIssuer = workforce.Issuer;
        parameters.IssuerValidator = null;
        parameters.IssuerSigningKeyValidator = null;
        parameters.IssuerSigningKeyValidatorUsingConfiguration = null;
    }

    /// <summary>401 as a problem detail saying why, with the standard WWW-Authenticate header kept.</summary>
    private static async Task WriteChallengeProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = context.AuthenticateFailure switch
        {
            null => "A bearer token is required.",
            TokenShapeException shape => shape.Message,
            { } failure when TokenFailures.Describe(failure) is { } described => described,
            AuthenticationFailureException or SecurityTokenValidationException when context.AuthenticateFailure.Message.Contains("pid", StringComparison.Ordinal)
                => "The token does not identify a person with a valid national identity number.",
            _ => TokenFailures.NotValid,
        };
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.Unauthorized,
                Title = "Authentication is required.",
                Detail = reason,
            },
        });
    }
}
