using CitizenServices.Application.RegisterChanges.EndFullmakterOnDeath;
using CitizenServices.Application.RegisterChanges.ReplaceNumber;

namespace CitizenServices.Infrastructure.RegisterChanges;

public static class RegisterChangesServiceCollectionExtensions
{
    /// <summary>
    /// What the register follower does beyond the replica (docs/population-register.md): a death ends the deceased's
    /// fullmakter (<see cref="EndFullmakterOnDeathHandler"/>, an <see cref="IRegisterChangeObserver"/>), and a replaced
    /// number moves what is stored under it (<see cref="FollowNumberReplacementHandler"/> over
    /// <see cref="TableNumberReplacementStore"/>, an <see cref="INumberReplacementFollower"/>). Needs the fullmakt, care
    /// relation, consent, replica and storage registrations; safe to call twice.
    /// </summary>
    public static IServiceCollection AddRegisterChanges(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<INumberReplacementStore>(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableNumberReplacementStore(
                tables.Table(StorageNames.Tables.People),
                tables.Table(StorageNames.Tables.Consent),
                tables.Table(StorageNames.Tables.ConsentByDefinition),
                tables.Table(StorageNames.Tables.FullmaktExpiry),
                provider.GetRequiredService<RepresentedIndex>(),
                provider.GetRequiredService<IConsentStore>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<TableNumberReplacementStore>>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INumberReplacementFollower, FollowNumberReplacementHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRegisterChangeObserver, EndFullmakterOnDeathHandler>());
        return services;
    }
}
