using CitizenServices.Application.Nettlege;
using CitizenServices.Application.Nettlege.Consultations;

namespace CitizenServices.Infrastructure.Nettlege;

public static class NettlegeStorageServiceCollectionExtensions
{
    /// <summary>
    /// The pilot, triage and consultation tables, and the questionnaire files (section <c>Nettlege:Questionnaire</c>, checked
    /// at start-up). Needs storage and the event stores.
    /// </summary>
    public static IServiceCollection AddNettlegeStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<INettlegePilotStore>(p => new TableNettlegePilotStore(p.GetRequiredService<TableStore>().Table(StorageNames.Tables.NettlegePilots)));
        services.AddSingleton<ITriageStore>(p => new TableTriageStore(p.GetRequiredService<TableStore>().Table(StorageNames.Tables.NettlegeTriage)));
        services.AddSingleton<INettlegeConsultationStore>(p => new TableNettlegeConsultationStore(
            p.GetRequiredService<TableStore>().Table(StorageNames.Tables.NettlegeConsultations), p.GetRequiredService<TableEventOutbox>()));
        services.AddSeedFile<QuestionnaireOptions, FileQuestionnaireCatalog, InvalidOperationException>(
            configuration, QuestionnaireOptions.SectionName, files => new FileQuestionnaireCatalog(files));
        services.AddSingleton<IQuestionnaireCatalog>(p => p.GetRequiredService<FileQuestionnaireCatalog>());
        return services;
    }
}
