using CitizenServices.Application.Authorization;
using CitizenServices.Application.Guardianship;
using CitizenServices.Application.Representation.RepairIndex;
using CitizenServices.Infrastructure.Guardianships;

namespace CitizenServices.Functions.Guardianship;

public static class GuardianshipServiceCollectionExtensions
{
    /// <summary>
    /// Guardians as a representation kind (for the policy enforcement point and the listings), from the register's
    /// guardianship entries in the replica, and the repair of their index rows. Needs the population register replica.
    /// </summary>
    public static IServiceCollection AddGuardianship(this IServiceCollection services)
    {
        services.AddGuardianshipIndex();
        services.AddScoped<IRepresentationIndexRepair, RegisterGuardianshipIndexRepair>();
        services.AddScoped<GuardianRepresentationSource>();
        services.AddScoped<IRepresentationSource>(sp => sp.GetRequiredService<GuardianRepresentationSource>());
        services.AddScoped<IRepresentationDirectory>(sp => sp.GetRequiredService<GuardianRepresentationSource>());
        return services;
    }
}
