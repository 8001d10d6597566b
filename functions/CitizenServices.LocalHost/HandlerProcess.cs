using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CitizenServices.LocalHost;

/// <summary>A restart of the handler: when, after which exit, and how long the LocalHost waited first.</summary>
/// <param name="ExitCode">The exit code of the process that ended; 137 is SIGKILL's.</param>
/// <param name="Counted">False for exit code 200, the host's "intentional restart", which never counts as a failure.</param>
public sealed record HandlerRestart(DateTimeOffset At, int ExitCode, bool Counted, TimeSpan Delay);

/// <summary>
/// The custom handler as a child process, started and awaited the way the Functions host does it, and restarted when it
/// exits or is killed. The host (<c>HttpFunctionInvocationDispatcher</c>) restarts its worker on every worker error, on the
/// same port, and stops itself at the third error within 30 minutes, after which the platform restarts the host; exit code
/// 200 asks for a restart without counting as an error. The LocalHost does the same, waiting
/// <see cref="LocalHostOptions.HandlerRestartDelay"/> (doubling) before each counted restart.
/// </summary>
internal sealed partial class HandlerProcess : IAsyncDisposable
{
    private const int CapturedLines = 200;

    /// <summary>The host's <c>WorkerConstants.IntentionalRestartExitCode</c>.</summary>
    public const int IntentionalRestartExitCode = 200;

    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly LocalHostOptions _options;
    private readonly HostDefinition _host;
    private readonly string _scriptRoot;
    private readonly Queue<string> _recentOutput = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<string> _gaveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<DateTimeOffset> _errors = [];
    private readonly List<HandlerRestart> _restarts = [];
    private Process? _process;
    private Task? _supervisor;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HandlerProcess(int port, LocalHostOptions options, HostDefinition host, string scriptRoot, ILogger logger)
    {
        Port = port;
        _options = options;
        _host = host;
        _scriptRoot = scriptRoot;
        _logger = logger;
    }

    public int Port { get; }

    /// <summary>The running handler's process id; null while it is being restarted.</summary>
    public int? ProcessId
    {
        get
        {
            var process = Volatile.Read(ref _process);
            try
            {
                return process is { HasExited: false } ? process.Id : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>Every restart so far, oldest first.</summary>
    public IReadOnlyList<HandlerRestart> Restarts
    {
        get
        {
            lock (_restarts)
            {
                return _restarts.ToList();
            }
        }
    }

    /// <summary>Completes, with the reason, when the handler failed too often and the LocalHost should stop.</summary>
    public Task<string> GaveUp => _gaveUp.Task;

    /// <summary>
    /// Waits while the handler is being restarted, as the host holds every invocation while its dispatcher is not
    /// initialized (<c>WorkerFunctionInvoker.DelayUntilFunctionDispatcherInitializedOrShutdown</c>), for at most
    /// (restart limit + 1) start-up timeouts. Fails once the LocalHost gave up on the handler.
    /// </summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var ready = Volatile.Read(ref _ready).Task;
        if (!ready.IsCompleted)
        {
            ready = ready.WaitAsync(_options.HandlerStartupTimeout * (_options.HandlerRestartLimit + 1), cancellationToken);
        }

        await ready;
    }

    public static async Task<HandlerProcess> StartAsync(
        LocalHostOptions options,
        HostDefinition host,
        string scriptRoot,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var handler = new HandlerProcess(options.HandlerPort ?? FreePort(), options, host, scriptRoot, logger);
        try
        {
            handler.Start(options, host, scriptRoot);
            await handler.WaitUntilAnsweringAsync(options.HandlerStartupTimeout, cancellationToken);
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }

        handler._ready.TrySetResult();
        handler._supervisor = Task.Run(handler.SuperviseAsync, CancellationToken.None);
        return handler;
    }

    /// <summary>Waits for the handler to end, then restarts it (or gives up), until the LocalHost stops.</summary>
    private async Task SuperviseAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            var process = _process!;
            try
            {
                await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var exitCode = process.ExitCode;
            var counted = exitCode != IntentionalRestartExitCode;
            if (Volatile.Read(ref _ready).Task.IsCompleted)
            {
                Volatile.Write(ref _ready, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            TimeSpan delay = TimeSpan.Zero;
            if (counted)
            {
                var now = DateTimeOffset.UtcNow;
                if (_errors.Count > 0 && now - _errors[^1] > _options.HandlerErrorWindow)
                {
                    _errors.Clear();
                }

                _errors.Add(now);
                if (_errors.Count >= _options.HandlerRestartLimit)
                {
                    var reason = $"The handler failed {_errors.Count} times within {_options.HandlerErrorWindow.TotalMinutes:0} minutes "
                        + $"(last exit code {exitCode}); giving up, as the Functions host stops itself.";
                    _logger.LogCritical("{Reason} Output:{NewLine}{Output}", reason, Environment.NewLine, CapturedOutput());
                    GiveUp(reason);
                    return;
                }

                var doubled = _options.HandlerRestartDelay * Math.Pow(2, _errors.Count - 1);
                delay = doubled < MaxRestartDelay ? doubled : MaxRestartDelay;
            }

            _logger.LogError(
                "The handler exited with code {ExitCode}; restarting it on port {Port} in {Delay} ms{Intentional}",
                exitCode, Port, (int)delay.TotalMilliseconds, counted ? string.Empty : " (intentional restart)");
            process.Dispose();
            try
            {
                await Task.Delay(delay, stopping);
                Start(_options, _host, _scriptRoot);
                lock (_restarts)
                {
                    _restarts.Add(new HandlerRestart(DateTimeOffset.UtcNow, exitCode, counted, delay));
                }

                await WaitUntilAnsweringAsync(_options.HandlerStartupTimeout, stopping);
                Volatile.Read(ref _ready).TrySetResult();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                if (ReferenceEquals(Volatile.Read(ref _process), process))
                {
                    // Not even started (the executable is gone): nothing to wait for.
                    _logger.LogCritical(ex, "The handler could not be restarted; giving up");
                    GiveUp("The handler could not be restarted: " + ex.Message);
                    return;
                }

                // It died again before answering, or never answered: that is the next failure.
                _logger.LogError(ex, "The restarted handler did not come up");
                KillQuietly(_process);
            }
        }
    }

    private void Start(LocalHostOptions options, HostDefinition host, string scriptRoot)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        foreach (var (key, value) in options.HandlerEnvironment)
        {
            environment[key] = value;
        }

        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port;
        environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        environment["FUNCTIONS_APP_ROOT_PATH"] = scriptRoot;

        string executable;
        IEnumerable<string> arguments;
        if (options.HandlerCommand is { Count: > 0 } command)
        {
            executable = command[0];
            arguments = command.Skip(1);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(host.DefaultExecutablePath))
            {
                throw new FunctionAppConfigurationException(
                    "host.json has no customHandler.description.defaultExecutablePath and no handler command was given.");
            }

            executable = Path.GetFullPath(Path.Combine(scriptRoot, host.DefaultExecutablePath));
            arguments = host.Arguments;
        }

        var workingDirectory = options.WorkingDirectory
            ?? (string.IsNullOrWhiteSpace(host.WorkingDirectory) ? scriptRoot : Path.GetFullPath(Path.Combine(scriptRoot, host.WorkingDirectory)));
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(Expand(argument, environment));
        }

        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _logger.LogInformation(
            "Starting handler {Executable} {Arguments} on port {Port}",
            executable, string.Join(' ', start.ArgumentList), Port);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start handler '{executable}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start handler '{executable}': {ex.Message}", ex);
        }

        process.OutputDataReceived += (_, e) => Forward(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Volatile.Write(ref _process, process);
    }

    private void Forward(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > CapturedLines)
            {
                _recentOutput.Dequeue();
            }
        }

        // As in the host: the handler's stderr is logged as errors, stdout as information.
        if (isError)
        {
            _logger.LogError("[handler] {Line}", line);
        }
        else
        {
            _logger.LogInformation("[handler] {Line}", line);
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                // Let the output readers drain so the exception carries the handler's last words.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"The handler exited with code {_process.ExitCode} before answering. Output:{Environment.NewLine}{CapturedOutput()}");
            }

            try
            {
                // Any HTTP response counts, exactly as in the host: only the connection matters.
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{Port}/"), cancellationToken);
                _logger.LogInformation("Handler answered on port {Port} ({Status})", Port, (int)response.StatusCode);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException(
            $"The handler did not answer GET http://127.0.0.1:{Port}/ within {timeout.TotalSeconds:0} s. Output:{Environment.NewLine}{CapturedOutput()}");
    }

    private string CapturedOutput()
    {
        lock (_recentOutput)
        {
            return string.Join(Environment.NewLine, _recentOutput);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor;
            _supervisor = null;
        }

        var process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                _logger.LogWarning(ex, "Could not stop the handler cleanly");
            }

            process.Dispose();
        }

        _stopping.Dispose();
    }

    private void GiveUp(string reason)
    {
        _gaveUp.TrySetResult(reason);
        Volatile.Read(ref _ready).TrySetException(new InvalidOperationException(reason));
    }

    private void KillQuietly(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _logger.LogWarning(ex, "Could not stop the handler");
        }
    }

    /// <summary>The host's %VAR% expansion of handler arguments; unknown variables stay as written.</summary>
    internal static string Expand(string argument, IReadOnlyDictionary<string, string?> environment) =>
        Variable().Replace(argument, m => environment.TryGetValue(m.Groups[1].Value, out var value) && value is not null ? value : m.Value);

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("%([A-Za-z0-9_.-]+)%")]
    private static partial Regex Variable();
}
