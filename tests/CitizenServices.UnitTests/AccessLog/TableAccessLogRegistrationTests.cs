using CitizenServices.Application.AccessLog;
using CitizenServices.Infrastructure.AccessLog;
using CitizenServices.Infrastructure.Storage;

namespace CitizenServices.UnitTests.AccessLog;

public sealed class TableAccessLogRegistrationTests
{
    private static IServiceCollection Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" })
            .Build();
        return new ServiceCollection().AddLogging().AddCitizenServicesStorage(configuration);
    }

    [Fact]
    public void AddTableAccessLog_WhenStorageIsRegistered_ResolvesOneTableAccessLogAsTheAccessLog()
    {
        using var provider = Services().AddTableAccessLog().BuildServiceProvider();

        var log = provider.GetRequiredService<IAccessLog>();

        Assert.IsType<TableAccessLog>(log);
        Assert.Same(log, provider.GetRequiredService<IAccessLog>());
        Assert.Same(log, provider.GetRequiredService<TableAccessLog>());
    }

    [Fact]
    public void AddTableAccessLog_WhenATimeProviderIsAlreadyRegistered_KeepsIt()
    {
        var fake = new FakeTimeProvider();
        using var provider = Services().AddSingleton<TimeProvider>(fake).AddTableAccessLog().BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
        Assert.IsType<TableAccessLog>(provider.GetRequiredService<IAccessLog>());
    }
}
