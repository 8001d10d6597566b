namespace CitizenServices.LocalHost;

/// <summary>
/// Runs <see cref="LocalFunctionsHost"/> for the lifetime of the generic host, so Ctrl+C stops it cleanly, and stops the
/// process (exit code 1) when the handler keeps failing, as the Functions host stops itself.
/// </summary>
internal sealed class LocalHostService(LocalFunctionsHost host, IHostApplicationLifetime lifetime, ILogger<LocalHostService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken);
        _ = host.HandlerGaveUp.ContinueWith(
            gaveUp =>
            {
                logger.LogCritical("Stopping: {Reason}", gaveUp.Result);
                Environment.ExitCode = 1;
                lifetime.StopApplication();
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken) => host.StopAsync(cancellationToken);
}
