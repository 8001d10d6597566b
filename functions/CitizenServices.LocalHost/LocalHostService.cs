namespace CitizenServices.LocalHost;

/// <summary>Runs <see cref="LocalFunctionsHost"/> for the lifetime of the generic host, so Ctrl+C stops it cleanly.</summary>
internal sealed class LocalHostService(LocalFunctionsHost host) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);
}
