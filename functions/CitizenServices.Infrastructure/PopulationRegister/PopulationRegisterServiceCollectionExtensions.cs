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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PopulationRegisterOptions>()
            .Bind(configuration.GetSection(PopulationRegisterOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PopulationRegisterOptions>, SeedFileOptionsValidator>();
        services.AddSingleton(provider =>
            SeedFilePopulationRegister.Load(provider.GetRequiredService<IOptions<PopulationRegisterOptions>>().Value.ResolveSeedFilePath()));
        services.AddSingleton<IPopulationRegister>(provider => provider.GetRequiredService<SeedFilePopulationRegister>());
        services.AddSingleton<IRegularGpRegister>(provider => provider.GetRequiredService<SeedFilePopulationRegister>());
        return services;
    }

    // Runs the full load at start-up; the few milliseconds of reading the file twice buy a precise start-up failure.
    private sealed class SeedFileOptionsValidator : IValidateOptions<PopulationRegisterOptions>
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
                SeedFilePopulationRegister.Load(options.ResolveSeedFilePath());
                return ValidateOptionsResult.Success;
            }
            catch (InvalidSeedFileException exception)
            {
                return ValidateOptionsResult.Fail(exception.Message);
            }
        }
    }
}
