using Microsoft.OpenApi;

namespace CitizenServices.Functions.OpenApi;

/// <summary>
/// Documents the sector lookups in the contract: a <c>helseid</c> security scheme (HTTP scheme <c>DPoP</c>, RFC 9449), and on
/// each operation behind a <see cref="SectorPolicies"/> policy the alternatives it accepts (HelseID with its scope, and
/// Entra ID with <c>Registry.Read</c> where that still applies) and an <c>x-access</c> naming both. Runs after
/// <see cref="OpenApiSetup"/>'s transformers and replaces what they wrote for these operations.
/// </summary>
public static class SectorOpenApi
{
    private const string HelseId = "helseid";
    private const string Workforce = "workforce";
    private const string MetadataKey = "sector";

    private static readonly Dictionary<string, (string Scope, string? EntraRole)> Policies = new(StringComparer.Ordinal)
    {
        [SectorPolicies.ConsentsRead] = (HelseIdScopes.ConsentsRead, Authentication.AppRoles.RegistryRead),
        [SectorPolicies.ConsentsList] = (HelseIdScopes.ConsentsList, Authentication.AppRoles.RegistryRead),
        [SectorPolicies.RepresentationRead] = (HelseIdScopes.RepresentationRead, null),
    };

    public static IServiceCollection AddSectorOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", options =>
        {
            options.AddOperationTransformer(DescribeAccess);
            options.AddDocumentTransformer(DescribeSecurity);
        });

    private static Task DescribeAccess(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policy = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().FirstOrDefault(Policies.ContainsKey);
        if (policy is null)
        {
            return Task.CompletedTask;
        }

        var (scope, entraRole) = Policies[policy];
        var access = new JsonObject { ["helseIdScope"] = scope, ["dpop"] = true };
        if (entraRole is not null)
        {
            access["roles"] = new JsonArray(entraRole);
            access["municipality"] = true;
        }

        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-access"] = new JsonNodeExtension(access);
        operation.Metadata ??= new Dictionary<string, object>();
        operation.Metadata[MetadataKey] = (scope, entraRole);
        return Task.CompletedTask;
    }

    private static Task DescribeSecurity(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[HelseId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "DPoP",

            // No bearerFormat: OpenAPI allows it only with scheme bearer (the token is still a JWT, as the description says).
            Description = "A HelseID access token bound to the client's key (RFC 9449): `Authorization: DPoP <token>` and, on every "
                + "request, a new `DPoP` proof (typ dpop+jwt; htm, htu, iat, jti, and ath = the token's SHA-256) signed by that key. "
                + "A HelseID token sent as Bearer is refused. The token must name the organisation (helseid://claims/client/claims/orgnr_parent) "
                + $"and carry the operation's scope: {string.Join(", ", HelseIdScopes.All)}.",
        };

        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []))
        {
            if (operation.Metadata?.TryGetValue(MetadataKey, out var value) != true || value is not ValueTuple<string, string?> sector)
            {
                continue;
            }

            var (scope, entraRole) = sector;
            List<OpenApiSecurityRequirement> security = [new() { [new OpenApiSecuritySchemeReference(HelseId, document)] = [scope] }];
            if (entraRole is not null)
            {
                security.Add(new() { [new OpenApiSecuritySchemeReference(Workforce, document)] = [entraRole] });
            }

            operation.Security = security;
            operation.Metadata.Remove(MetadataKey);
        }

        return Task.CompletedTask;
    }
}
