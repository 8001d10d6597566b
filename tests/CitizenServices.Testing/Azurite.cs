using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CitizenServices.Testing;

/// <summary>
/// One Azurite (Tables, Blobs, Queues, in memory) per test run, started from the repository's pinned npm
/// package on free loopback ports. Tests isolate themselves either with unique table, container and queue names in the
/// well-known account, or with a storage account of their own (<see cref="NewAccount"/>): an app under test uses fixed
/// table names, so two apps in one account would see each other's rows.
/// Set <c>AZURITE_CONNECTION_STRING</c> to use an Azurite that is already running instead; it must know the accounts
/// <see cref="NewAccount"/> hands out (start it with <c>AZURITE_ACCOUNTS</c> set to <see cref="AccountsSetting"/>).
/// </summary>
public sealed class Azurite : IDisposable
{
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string WellKnownAccount = "devstoreaccount1";

    /// <summary>
    /// Accounts Azurite is started with besides the well-known one, each handed out once per test process. Azurite keeps
    /// nothing per account until it is used, so a generous number costs nothing.
    /// </summary>
    private const int SpareAccounts = 400;

    private static readonly Lazy<Task<Azurite>> SharedInstance = new(StartAsync);
    private static int _nameCounter;
    private static int _accountsTaken;

    private readonly Process? _process;

    private Azurite(string connectionString, Process? process = null)
    {
        ConnectionString = connectionString;
        _process = process;
    }

    public string ConnectionString { get; }

    public static Task<Azurite> SharedAsync() => SharedInstance.Value;

    /// <summary>
    /// An Azurite of the caller's own, for a test that reads back everything storage holds (the schema fuzz tests prove a
    /// refused request changed nothing): a shared instance has other tests writing to it at the same time.
    /// </summary>
    public static Task<Azurite> StartPrivateAsync() => StartNodeAsync();

    /// <summary>
    /// The connection string of a storage account on this Azurite that no other test uses: its tables, containers and
    /// queues are its own, whatever their names.
    /// </summary>
    public string NewAccount()
    {
        var n = Interlocked.Increment(ref _accountsTaken);
        if (n > SpareAccounts)
        {
            throw new InvalidOperationException(
                $"All {SpareAccounts} spare storage accounts of this Azurite are taken; raise {nameof(SpareAccounts)} in {nameof(Azurite)}.");
        }

        return WithAccount(ConnectionString, SpareAccount(n));
    }

    /// <summary>The value of <c>AZURITE_ACCOUNTS</c> that gives an Azurite the accounts <see cref="NewAccount"/> hands out.</summary>
    public static string AccountsSetting =>
        string.Join(';', Enumerable.Range(1, SpareAccounts).Select(SpareAccount).Prepend(WellKnownAccount).Select(a => $"{a}:{AccountKey}"));

    private static string SpareAccount(int n) => "isolated" + n.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The same endpoints (path-style, as Azurite serves them) for another account with the same key.</summary>
    private static string WithAccount(string connectionString, string account)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var (key, value) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (key == "AccountName")
            {
                return $"AccountName={account}";
            }

            return key.EndsWith("Endpoint", StringComparison.Ordinal)
                ? $"{key}={new Uri(new Uri(value.TrimEnd('/') + "/"), "../" + account)}"
                : part;
        });
        return string.Join(';', parts) + ";";
    }

    /// <summary>A storage-safe name (lowercase letters and digits, starts with a letter) unique in this run.</summary>
    public static string UniqueName(string prefix)
    {
        var n = Interlocked.Increment(ref _nameCounter);
        var suffix = $"{Environment.ProcessId % 100000}x{n}";
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return (clean + suffix)[..Math.Min(clean.Length + suffix.Length, 40)];
    }

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static Task<Azurite> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        return string.IsNullOrWhiteSpace(external) ? StartNodeAsync() : Task.FromResult(new Azurite(external));
    }

    private static async Task<Azurite> StartNodeAsync()
    {
        var root = RepositoryRoot.Find();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {entry}. Run 'npm ci' in the repository root (scripts/test.sh does).");
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var workspace = Directory.CreateTempSubdirectory("azurite-");
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace.FullName,
        };

        // A test host that is killed (a timeout, a cancelled run) never runs its exit handlers, and an Azurite left behind
        // keeps a core busy for the rest of the machine's life. So Azurite watches the test process and exits with it.
        psi.Environment["AZURITE_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["AZURITE_ACCOUNTS"] = AccountsSetting;
        psi.ArgumentList.Add("-e");
        psi.ArgumentList.Add(ParentWatchingEntry);
        foreach (var arg in new[]
                 {
                     entry, "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // One SIGKILL (Kill()), not a tree kill: Azurite starts no process of its own, and a tree kill first stops the
        // process (SIGSTOP), then reads /proc for its children, then kills it. A test host ended in between (vstest does
        // not wait long for exit handlers) left that node stopped for good: stopped, it could not even notice that its
        // parent had gone (2 left behind in 9 clean-clone runs, each holding its memory and three ports).
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
        };

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode}: {output}");
            }

            if (await Listening(blob) && await Listening(queue) && await Listening(table))
            {
                return new Azurite(BuildConnectionString(blob, queue, table), process);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Azurite did not listen within 60 s: {output}");
    }

    /// <summary>Runs Azurite's own entry point (argv[1]) in a node process that ends when the test process has gone.</summary>
    private const string ParentWatchingEntry =
        "const parent = Number(process.env.AZURITE_PARENT_PID);" +
        "setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000);" +
        "process.argv = [process.argv[0], ...process.argv.slice(1)];" +
        "require(process.argv[1]);";

    /// <summary>Stops an Azurite this test started (the shared one lives as long as the test process).</summary>
    public void Dispose()
    {
        if (_process is null || ReferenceEquals(this, SharedInstance.IsValueCreated && SharedInstance.Value.IsCompletedSuccessfully ? SharedInstance.Value.Result : null))
        {
            return;
        }

        try
        {
            _process.Kill(); // one SIGKILL, as at exit above
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static async Task<bool> Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Finds the repository root (the folder holding CitizenServices.sln) from the test's working folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CitizenServices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CitizenServices.sln not found above " + AppContext.BaseDirectory);
    }
}
