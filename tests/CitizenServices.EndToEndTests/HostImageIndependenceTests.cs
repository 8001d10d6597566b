using System.Diagnostics;

namespace CitizenServices.EndToEndTests;

/// <summary>
/// Rule: the handler does not depend on the host image for Europe/Oslo or ICU (docs/deployment.md, "Time zone and ICU").
/// The real handler process is started with the system tz database hidden (TZDIR pointing at an empty folder), as on an
/// image without tzdata.
/// </summary>
public sealed class HostImageIndependenceTests : IDisposable
{
    private readonly string _empty = Directory.CreateTempSubdirectory("citizen-services-no-tzdata-").FullName;

    public void Dispose() => Directory.Delete(_empty, recursive: true);

    [Fact]
    public async Task Handler_WhenSystemTimeZoneDataIsHidden_StartsWithItsOwnEuropeOsloAndWithoutIcu()
    {
        var port = Azurite.FreePort();
        using var handler = await StartAsync(port, new() { ["TZDIR"] = _empty });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var ready = await WaitUntilAnsweringAsync(http, handler);

        Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
        Assert.Contains("Europe/Oslo time zone data: bundled.", handler.Output, StringComparison.Ordinal);
        // Invariant globalization: the process never maps libicu, so an image without it runs the handler the same.
        var maps = await File.ReadAllTextAsync($"/proc/{handler.Process.Id}/maps");
        Assert.Contains("libcoreclr.so", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libicu", maps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_WhenNoEuropeOsloDataCanBeFound_RefusesToStart()
    {
        var port = Azurite.FreePort();
        using var handler = await StartAsync(port, new()
        {
            ["TZDIR"] = _empty,
            ["TimeZones__BundledDataDirectory"] = _empty,
        });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await handler.Process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, handler.Process.ExitCode);
        Assert.Contains("Europe/Oslo does not resolve", handler.Output, StringComparison.Ordinal);
        Assert.Contains("refusing to start", handler.Output, StringComparison.Ordinal);
    }

    private static async Task<HandlerRun> StartAsync(int port, Dictionary<string, string> environment)
    {
        var azurite = await Azurite.SharedAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As the Functions host starts it: in the script root, not next to the executable.
            WorkingDirectory = RepositoryRoot.Find(),
        };
        foreach (var argument in new[] { EventsHost.HandlerDll(), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Storage__CreateResourcesAtStartup"] = "false";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new HandlerRun(Process.Start(start) ?? throw new InvalidOperationException("The handler did not start."));
    }

    private static async Task<HttpResponseMessage> WaitUntilAnsweringAsync(HttpClient http, HandlerRun handler)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(handler.Process.HasExited, $"The handler exited: {handler.Output}");
            try
            {
                return await http.GetAsync(new Uri("/", UriKind.Relative));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The handler process with its stdout and stderr collected.</summary>
    private sealed class HandlerRun : IDisposable
    {
        private readonly StringBuilder _output = new();

        public HandlerRun(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
