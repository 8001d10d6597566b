using CitizenServices.Application.Guardianship;
using CitizenServices.Infrastructure.Guardianships;

namespace CitizenServices.Functions.Guardianship;

/// <summary>Guardianship: no endpoints or functions of its own; guardians act through the representation endpoints.</summary>
public static class GuardianshipApi
{
    /// <summary>
    /// Guardians as a representation kind (for the policy enforcement point and the listings), from the register's
    /// guardianship entries in the replica, and the repair of their index rows. Needs the population register replica.
    /// </summary>
    public static IServiceCollection AddGuardianship(this IServiceCollection services)
    {
        services.AddGuardianshipIndex();
        services.AddScoped<IRepresentationIndexRepair, RegisterGuardianshipIndexRepair>();
        services.AddRepresentationSource<GuardianRepresentationSource>();
        return services;
    }
}
