using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace CitizenServices.Benchmarks;

/// <summary>What the figures were measured on; printed with every run because they mean little without it.</summary>
internal static class MachineInfo
{
    public static void Print()
    {
        Console.WriteLine("## Machine");
        Console.WriteLine();
        Console.WriteLine($"- date (UTC): {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        Console.WriteLine($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores");
        Console.WriteLine($"- memory: {Format.N(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1)} GiB available to .NET");
        Console.WriteLine($"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        Console.WriteLine($"- .NET: {RuntimeInformation.FrameworkDescription}, {(IsOptimized() ? "Release" : "Debug (figures not meaningful)")}");
        Console.WriteLine($"- Azurite: {AzuriteVersion()} (in memory, loopback), Node {NodeVersion()}");
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static bool IsOptimized() =>
        typeof(MachineInfo).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
            .OfType<System.Diagnostics.DebuggableAttribute>()
            .All(a => !a.IsJITOptimizerDisabled);

    private static string AzuriteVersion()
    {
        try
        {
            var package = Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite", "package.json");
            return JsonNode.Parse(File.ReadAllText(package))?["version"]?.GetValue<string>() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string NodeVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "?";
            }

            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5_000);
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
