using CitizenServices.Application.Consent.Decide;
using CitizenServices.Application.Consent.Read;
using CitizenServices.Application.Consent.Registry;
using CitizenServices.Functions.Authorization;
using CitizenServices.Infrastructure.Consent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenServices.Functions.Consent;

public static class ConsentServiceCollectionExtensions
{
    /// <summary>Consents, reservations and restrictions: the catalog, the decisions and the sector lookup (docs/consent.md).</summary>
    public static IServiceCollection AddConsent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConsentStorage(configuration);
        services.AddScoped<DecideConsentHandler>();
        services.AddScoped<ConsentReader>();
        services.AddScoped<ListActivePersonsHandler>();
        services.TryAddSingleton<SectorAccessLog>();
        return services;
    }
}
