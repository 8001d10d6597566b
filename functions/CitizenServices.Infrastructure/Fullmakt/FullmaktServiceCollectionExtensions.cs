using CitizenServices.Application.Fullmakt;
using CitizenServices.Infrastructure.Events;
using CitizenServices.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CitizenServices.Infrastructure.Fullmakt;

public static class FullmaktServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TableFullmaktStore"/> as <see cref="IFullmaktStore"/> on the fullmakt tables. Needs the storage registration.</summary>
    public static IServiceCollection AddTableFullmaktStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IFullmaktStore>(provider =>
        {
            var tables = provider.GetRequiredService<TableStore>();
            return new TableFullmaktStore(
                tables.Table(StorageNames.Tables.Fullmakt),
                tables.Table(StorageNames.Tables.FullmaktByRepresentative),
                provider.GetRequiredService<TableEventOutbox>(),
                provider.GetRequiredService<ILogger<TableFullmaktStore>>());
        });
        return services;
    }
}
