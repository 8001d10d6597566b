using CitizenServices.Application.Guardianship;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Representation;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Plural on purpose: a namespace CitizenServices.Infrastructure.Guardianship would hide the population register's
// Guardianship record from every sibling namespace (PopulationRegister/SeedFileReader uses it unqualified).
namespace CitizenServices.Infrastructure.Guardianships;

public static class GuardianshipServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TableGuardianshipStore"/> as <see cref="IGuardianshipStore"/>. Needs storage and the event stores.</summary>
    public static IServiceCollection AddTableGuardianshipStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRepresentedIndexFormat<GuardianshipIndexFormat>();
        services.TryAddSingleton<IGuardianshipStore>(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableGuardianshipStore(
                tables.Table(StorageNames.Tables.Guardianship),
                provider.GetRequiredService<RepresentedIndex>(),
                provider.GetRequiredService<TableEventOutbox>(),
                provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
