namespace CitizenServices.Benchmarks;

/// <summary>The handler built in the benchmark's own configuration, run as a child process the way the host runs it.</summary>
internal static class HandlerPath
{
    public static string Dll(string root)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root, "functions", "CitizenServices.Functions", "bin", configuration, "net10.0", "CitizenServices.Functions.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The handler is not built at {dll}.");
    }
}
