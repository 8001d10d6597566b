namespace CitizenServices.Infrastructure.PopulationRegister;

/// <summary>Configuration section <c>PopulationRegister</c>.</summary>
public sealed class PopulationRegisterOptions
{
    public const string SectionName = "PopulationRegister";

    /// <summary>
    /// Path to the seed file of synthetic people; a relative path is resolved against the application's base
    /// directory, where the build copies the committed file.
    /// </summary>
    public string SeedFile { get; set; } = "seed/population-register.json";

    public string ResolveSeedFilePath() =>
        Path.IsPathRooted(SeedFile) ? SeedFile : Path.GetFullPath(SeedFile, AppContext.BaseDirectory);
}
