namespace CitizenServices.FolkeregisterDouble;

/// <summary>
/// Folkeregisteret and Maskinporten's token endpoint for a local run (scripts/run.sh starts it):
/// <c>dotnet functions/CitizenServices.FolkeregisterDouble/bin/Debug/net10.0/CitizenServices.FolkeregisterDouble.dll --urls http://127.0.0.1:7075</c>.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args) => await RegisterDoubleApp.Build(args).RunAsync();
}
