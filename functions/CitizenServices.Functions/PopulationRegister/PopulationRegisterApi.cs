using CitizenServices.Infrastructure.PopulationRegister.Folkeregisteret;
using CitizenServices.Infrastructure.RegisterChanges;

namespace CitizenServices.Functions.PopulationRegister;

/// <summary>The population register module (docs/population-register.md): the replica and the timer that follows the feed into it.</summary>
public static class PopulationRegisterApi
{
    /// <summary>
    /// The replica of Folkeregisteret behind the population register port, the register client when one is configured
    /// (<c>PopulationRegister:Folkeregisteret</c>), and <see cref="RegisterFeedFunction"/>. Needs storage.
    /// </summary>
    public static IServiceCollection AddPopulationRegister(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPopulationRegisterReplica(configuration);
        services.AddInvokedFunction<RegisterFeedFunction>();

        // What follows from the register beyond the replica: a death ends fullmakter, a replaced number moves relations.
        services.AddRegisterChanges();
        return services;
    }
}
