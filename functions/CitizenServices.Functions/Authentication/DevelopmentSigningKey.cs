namespace CitizenServices.Functions.Authentication;

/// <summary>
/// The committed development key (functions/dev/development-signing-key.pem) signs the tokens that
/// scripts/dev-token.sh prints. It is public, so trusting it anywhere but on a developer's machine would let
/// anyone act as anyone: the app refuses to start when it is trusted outside the Development environment.
/// </summary>
public static class DevelopmentSigningKey
{
    public const string UseSetting = "Authentication:UseDevelopmentKey";
    public const string FileName = "dev/development-signing-key.pem";

    /// <summary>The issuer the development workforce tokens use.</summary>
    public const string WorkforceIssuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0";

    public static string LoadPem() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, FileName));

    /// <summary>
    /// Adds the development key to both schemes when asked, and refuses to start when the key is trusted
    /// (asked for, or configured as a signing key) outside Development.
    /// </summary>
    public static void Apply(
        IHostEnvironment environment,
        IConfiguration configuration,
        CitizenAuthenticationOptions citizen,
        WorkforceAuthenticationOptions workforce)
    {
        var requested = configuration.GetValue<bool>(UseSetting);
        var developmentKeyId = SigningKeys.KeyId(SigningKeys.FromPem(LoadPem()));
        var configuredKeyIds = citizen.SigningKeys.Concat(workforce.SigningKeys).Select(p => SigningKeys.KeyId(SigningKeys.FromPem(p)));
        var trusted = requested || configuredKeyIds.Contains(developmentKeyId);
        if (trusted && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development signing key is trusted in the '{environment.EnvironmentName}' environment. " +
                $"It is public and may only be used in Development; remove {UseSetting} and the key from Authentication:*:SigningKeys.");
        }

        if (requested)
        {
            var pem = LoadPem();
            citizen.SigningKeys.Add(pem);
            workforce.SigningKeys.Add(pem);
            workforce.Issuer ??= WorkforceIssuer;
        }
    }
}
