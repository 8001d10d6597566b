using CitizenServices.Application.Fastlege;
using CitizenServices.Application.PopulationRegister;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var configured = new PopulationRegisterOptions();
        configuration.GetSection(PopulationRegisterOptions.SectionName).Bind(configured);
        var preload = new PreloadedFile<SeedFilePopulationRegister>(
            string.IsNullOrWhiteSpace(configured.SeedFile) ? null : configured.ResolveSeedFilePath(), SeedFilePopulationRegister.Load);

        services.AddOptions<PopulationRegisterOptions>()
            .Bind(configuration.GetSection(PopulationRegisterOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PopulationRegisterOptions>>(new SeedFileOptionsValidator(preload));
        services.AddSingleton(provider =>
            preload.Get(provider.GetRequiredService<IOptions<PopulationRegisterOptions>>().Value.ResolveSeedFilePath()));
        services.AddSingleton<IRegularGpRegister>(provider => provider.GetRequiredService<SeedFilePopulationRegister>());
        return services;
    }

    // Runs the full load at start-up (begun early, see PreloadedFile), for a precise start-up failure.
    private sealed class SeedFileOptionsValidator(PreloadedFile<SeedFilePopulationRegister> preload) : IValidateOptions<PopulationRegisterOptions>
    {
        public ValidateOptionsResult Validate(string? name, PopulationRegisterOptions options)
        {
            if (string.IsNullOrWhiteSpace(options.SeedFile))
            {
                return ValidateOptionsResult.Fail(
                    $"{PopulationRegisterOptions.SectionName}:{nameof(PopulationRegisterOptions.SeedFile)} must name the seed file.");
            }

            try
            {
                preload.Get(options.ResolveSeedFilePath());
                return ValidateOptionsResult.Success;
            }
            catch (InvalidSeedFileException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
