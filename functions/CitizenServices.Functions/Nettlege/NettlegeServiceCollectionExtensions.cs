using CitizenServices.Application.Nettlege.Availability;
using CitizenServices.Application.Nettlege.Pilots;
using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Infrastructure.Nettlege;
using Microsoft.FeatureManagement;

namespace CitizenServices.Functions.Nettlege;

public static class NettlegeServiceCollectionExtensions
{
    /// <summary>Folder of the questionnaire files, relative to the app's base directory.</summary>
    public const string QuestionnaireFolder = "Nettlege/Questionnaires";

    /// <summary>
    /// Nettlege pilot configuration, availability (the <c>Nettlege</c> feature with the <see cref="NettlegePilotFilter"/>)
    /// and triage. Needs storage, the population register and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddNettlege(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNettlegeStorage(Path.Combine(AppContext.BaseDirectory, QuestionnaireFolder));
        // Reads the flags from the app configuration (section feature_management, appsettings.json).
        services.AddFeatureManagement().AddFeatureFilter<NettlegePilotFilter>();
        services.AddSingleton<INettlegeFeatureGate, FeatureManagementNettlegeGate>();
        var options = new NettlegeOptions();
        configuration.GetSection(NettlegeOptions.SectionName).Bind(options);
        if (options.RecentTriageHours < 1)
        {
            throw new InvalidOperationException($"{NettlegeOptions.SectionName}:{nameof(NettlegeOptions.RecentTriageHours)} must be 1 or more.");
        }

        services.AddSingleton(options);
        services.AddScoped<ConfigurePilotHandler>();
        services.AddScoped<SubmitTriageHandler>();
        services.AddScoped<NettlegeAccess>();
        return services;
    }
}
