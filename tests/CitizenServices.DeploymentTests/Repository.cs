namespace CitizenServices.DeploymentTests;

/// <summary>Paths in the checkout the tests run from, found from the test assembly so any working directory works.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string InfraMain => PathOf("infra", "main.bicep");

    public static string HostJson => PathOf("host.json");

    public static string FunctionDefinitions => PathOf("functions", "definitions");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CitizenServices.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CitizenServices.sln above {AppContext.BaseDirectory}.");
    }
}
