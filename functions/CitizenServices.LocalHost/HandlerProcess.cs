using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace CitizenServices.LocalHost;

/// <summary>The custom handler as a child process, started and awaited the way the Functions host does it.</summary>
internal sealed partial class HandlerProcess : IAsyncDisposable
{
    private const int CapturedLines = 200;

    private readonly ILogger _logger;
    private readonly Queue<string> _recentOutput = new();
    private Process? _process;

    private HandlerProcess(int port, ILogger logger)
    {
        Port = port;
        _logger = logger;
    }

    public int Port { get; }

    public static async Task<HandlerProcess> StartAsync(
        LocalHostOptions options,
        HostDefinition host,
        string scriptRoot,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var handler = new HandlerProcess(options.HandlerPort ?? FreePort(), logger);
        try
        {
            handler.Start(options, host, scriptRoot);
            await handler.WaitUntilAnsweringAsync(options.HandlerStartupTimeout, cancellationToken);
            return handler;
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
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
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start handler '{executable}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start handler '{executable}': {ex.Message}", ex);
        }

        _process.OutputDataReceived += (_, e) => Forward(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => Forward(e.Data, isError: true);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
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
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            _logger.LogWarning(ex, "Could not stop the handler cleanly");
        }

        _process.Dispose();
        _process = null;
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
