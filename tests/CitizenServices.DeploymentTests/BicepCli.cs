using System.Reflection;

namespace CitizenServices.DeploymentTests;

/// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package: no download, works offline.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    public static string Executable { get; } = Locate();

    public static Task<ProcessResult> BuildAsync(string bicepFile, string outputFile) =>
        ProcessRunner.RunAsync(Executable, ["build", bicepFile, "--outfile", outputFile], Repository.Root, _timeout);

    public static Task<ProcessResult> LintAsync(string bicepFile) =>
        ProcessRunner.RunAsync(Executable, ["lint", bicepFile], Repository.Root, _timeout);

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepExecutable").Value;
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException($"Bicep CLI not found at '{path}'; restore the test project.");
        }

        // NuGet extraction does not promise to keep the mode bits of files inside a package. (The package is the
        // linux-x64 build, so there is nothing to do, or to run, elsewhere.)
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The deployment tests use the linux-x64 Bicep CLI.");
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
