// Plural on purpose: a namespace CitizenServices.Infrastructure.Guardianship would hide the population register's
// Guardianship record from every sibling namespace (PopulationRegister/SeedFileReader uses it unqualified).
namespace CitizenServices.Infrastructure.Guardianships;

public static class GuardianshipServiceCollectionExtensions
{
    /// <summary>
    /// The guardians' rows in the shared index by representative (written by the register follower from the wards'
    /// facts), so "who can I act for" lists wards.
    /// </summary>
    public static IServiceCollection AddGuardianshipIndex(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRepresentedIndexFormat<GuardianshipIndexFormat>();
        return services;
    }
}
