namespace CitizenServices.Functions.Authentication;

/// <summary>
/// The committed development key (functions/dev/development-signing-key.pem) signs the tokens that
/// scripts/dev-token.sh prints. It is public, so trusting it anywhere but on a developer's machine would let
/// anyone act as anyone: the app refuses to start when it is trusted outside the Development environment.
/// The key file is copied next to local builds only, never into the deployable package (scripts/package.sh), and is
/// read only when <see cref="UseSetting"/> is set in Development.
/// </summary>
public static class DevelopmentSigningKey
{
    public const string UseSetting = "Authentication:UseDevelopmentKey";

    /// <summary>Where the key file is read from when requested; relative paths are relative to the executable.</summary>
    public const string FileSetting = "Authentication:DevelopmentKeyFile";
    public const string FileName = "dev/development-signing-key.pem";

    /// <summary>
    /// <see cref="SigningKeys.KeyId(Microsoft.IdentityModel.Tokens.SecurityKey)"/> of the development key, so a deployed
    /// app recognises the key when someone configures it as a signing key without having the file to compare with.
    /// </summary>
    public const string KeyId = "b03ad30dfd6c2f5d";

    /// <summary>The issuer the development workforce tokens use.</summary>
    public const string WorkforceIssuer = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0";

    public static string LoadPem(IConfiguration configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, configuration[FileSetting] ?? FileName);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException(
                $"{UseSetting} is set but the development key is not at '{path}'. It is part of local builds only, never of " +
                $"the deployable package; point {FileSetting} at functions/dev/development-signing-key.pem to use it elsewhere.");
    }

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
        var configuredKeyIds = citizen.SigningKeys.Concat(workforce.SigningKeys).Select(p => SigningKeys.KeyId(SigningKeys.FromPem(p)));
        var trusted = requested || configuredKeyIds.Contains(KeyId);
        if (trusted && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development signing key is trusted in the '{environment.EnvironmentName}' environment. " +
                $"It is public and may only be used in Development; remove {UseSetting} and the key from Authentication:*:SigningKeys.");
        }

        if (requested)
        {
            var pem = LoadPem(configuration);
            citizen.SigningKeys.Add(pem);
            workforce.SigningKeys.Add(pem);
            workforce.Issuer ??= WorkforceIssuer;
        }
    }
}
