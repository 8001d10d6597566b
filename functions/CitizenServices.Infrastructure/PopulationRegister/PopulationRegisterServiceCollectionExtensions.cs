namespace CitizenServices.Infrastructure.PopulationRegister;

public static class PopulationRegisterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SeedFilePopulationRegister"/> as <see cref="IPopulationRegister"/> and
    /// <see cref="IRegularGpRegister"/>, configured from the
    /// <c>PopulationRegister</c> section. The file is validated when the host starts, so a broken seed stops
    /// the app at once instead of failing the first citizen request.
    /// </summary>
    public static IServiceCollection AddSeedFilePopulationRegister(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSeedFileRegularGpRegister(configuration);
        services.AddSingleton<IPopulationRegister>(provider => provider.GetRequiredService<SeedFilePopulationRegister>());
        return services;
    }

    /// <summary>
    /// The regular GP register (<see cref="IRegularGpRegister"/>) from the seed file, until the GP register adapter exists.
    /// The population register itself comes from the replica of Folkeregisteret; the seed file's people are what the
    /// register double serves (docs/population-register.md).
    /// </summary>
    public static IServiceCollection AddSeedFileRegularGpRegister(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSeedFile<PopulationRegisterOptions, SeedFilePopulationRegister, InvalidSeedFileException>(
            configuration, PopulationRegisterOptions.SectionName, SeedFilePopulationRegister.Load);
        services.AddSingleton<IRegularGpRegister>(provider => provider.GetRequiredService<SeedFilePopulationRegister>());
        return services;
    }
}
