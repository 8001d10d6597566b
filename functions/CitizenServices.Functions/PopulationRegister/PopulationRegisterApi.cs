using CitizenServices.Functions.Invocation;

namespace CitizenServices.Functions.PopulationRegister;

/// <summary>
/// The population register module: following Folkeregisteret's feed into the replica (docs/population-register.md). The
/// replica and the client are registered by <c>AddPopulationRegisterReplica</c>.
/// </summary>
public static class PopulationRegisterApi
{
    public static IServiceCollection AddRegisterFeed(this IServiceCollection services)
    {
        services.AddInvokedFunction<RegisterFeedFunction>();
        return services;
    }
}
