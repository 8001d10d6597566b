using CitizenServices.Application.Booking;
using CitizenServices.Application.Nettlege.Availability;
using CitizenServices.Application.Nettlege.Booking;
using CitizenServices.Application.Nettlege.Consultations;
using CitizenServices.Application.Nettlege.Pilots;
using CitizenServices.Application.Nettlege.Slots;
using CitizenServices.Application.Nettlege.Triage;
using CitizenServices.Functions.Invocation;
using CitizenServices.Infrastructure.Nettlege;
using Microsoft.FeatureManagement;

namespace CitizenServices.Functions.Nettlege;

public static class NettlegeServiceCollectionExtensions
{
    /// <summary>Folder of the questionnaire files, relative to the app's base directory.</summary>
    public const string QuestionnaireFolder = "Nettlege/Questionnaires";

    /// <summary>
    /// Nettlege pilot configuration, availability (the <c>Nettlege</c> feature with the <see cref="NettlegePilotFilter"/>)
    /// triage, the booking policy for nettlege schedules, the video-slot generator, completing consultations and
    /// <see cref="FastlegeInformerFunction"/>. Needs storage, booking, the population register and a <see cref="TimeProvider"/>.
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

        if (options.SlotDaysAhead is < 1 or > 62)
        {
            throw new InvalidOperationException($"{NettlegeOptions.SectionName}:{nameof(NettlegeOptions.SlotDaysAhead)} must be 1 to 62.");
        }

        services.AddSingleton(options);
        services.AddScoped<ConfigurePilotHandler>();
        services.AddScoped<SubmitTriageHandler>();
        services.AddScoped<NettlegeAccess>();
        services.AddScoped<IBookingRule, NettlegeBookingPolicy>();
        services.AddScoped<GenerateNettlegeSlotsHandler>();
        services.AddScoped<CompleteConsultationHandler>();
        services.AddScoped<InformRegularGpHandler>();
        services.AddInvokedFunction<FastlegeInformerFunction>();
        return services;
    }
}
