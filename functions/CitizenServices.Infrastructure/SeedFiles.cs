namespace CitizenServices.Infrastructure;

/// <summary>Options naming a data file the app reads from the start.</summary>
/// <param name="defaultFile">The committed file, where the build copies it.</param>
public abstract class SeedFileOptions(string defaultFile)
{
    /// <summary>The file; a relative path is resolved against the application's base directory, where the build copies it.</summary>
    public string SeedFile { get; set; } = defaultFile;

    public string ResolveSeedFilePath() =>
        Path.IsPathRooted(SeedFile) ? SeedFile : Path.GetFullPath(SeedFile, AppContext.BaseDirectory);
}

/// <summary>
/// The one way the app registers a data file it needs from the start (the population register seed, the consent catalog,
/// the organisations, the triage questionnaires): options bound from a configuration section, the file read early
/// (<see cref="PreloadedFile{T}"/>), and checked when the host starts, so a broken or missing file stops the app with
/// every problem named instead of failing the first request.
/// </summary>
public static class SeedFiles
{
    /// <summary>Registers <typeparamref name="TOptions"/> and <typeparamref name="T"/>, a singleton read from the options' file.</summary>
    /// <param name="load">Reads and checks the file; throws <typeparamref name="TInvalid"/> naming every problem.</param>
    public static IServiceCollection AddSeedFile<TOptions, T, TInvalid>(
        this IServiceCollection services, IConfiguration configuration, string sectionName, Func<string, T> load)
        where TOptions : SeedFileOptions, new()
        where T : class
        where TInvalid : Exception
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        var configured = new TOptions();
        section.Bind(configured);
        var preload = new PreloadedFile<T>(PathOf(configured), load);

        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new Validator<TOptions, T, TInvalid>(sectionName, preload));
        services.AddSingleton(provider => preload.Get(provider.GetRequiredService<IOptions<TOptions>>().Value.ResolveSeedFilePath()));
        return services;
    }

    private static string? PathOf(SeedFileOptions options) =>
        string.IsNullOrWhiteSpace(options.SeedFile) ? null : options.ResolveSeedFilePath();

    private sealed class Validator<TOptions, T, TInvalid>(string sectionName, PreloadedFile<T> preload) : IValidateOptions<TOptions>
        where TOptions : SeedFileOptions
        where T : class
        where TInvalid : Exception
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            if (PathOf(options) is not { } path)
            {
                return ValidateOptionsResult.Fail($"{sectionName}:{nameof(SeedFileOptions.SeedFile)} must name the file.");
            }

            try
            {
                preload.Get(path);
                return ValidateOptionsResult.Success;
            }
            catch (TInvalid exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
