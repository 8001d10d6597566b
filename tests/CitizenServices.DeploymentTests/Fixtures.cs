namespace CitizenServices.DeploymentTests;

/// <summary>infra/main.bicep compiled once per test run.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("citizen-services-bicep-").FullName;

    internal ProcessResult Build { get; private set; } = new(-1, "", "");

    internal string Json { get; private set; } = "";

    internal ArmTemplate Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var output = Path.Combine(_directory, "main.json");
        Build = await BicepCli.BuildAsync(Repository.InfraMain, output);
        Assert.True(Build.ExitCode == 0, $"bicep build failed: {Build}");
        Json = await File.ReadAllTextAsync(output);
        Template = ArmTemplate.Parse(Json);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The classes that read the compiled template share one <c>bicep build</c> (xunit runs a collection's classes one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class InfraTestGroup : ICollectionFixture<CompiledTemplateFixture>
{
    public const string Name = "Compiled infra/main.bicep: built once for every class that reads it";
}

/// <summary>
/// scripts/package.sh run once per test run, into a temporary folder, with its own MSBuild artifacts folder so it
/// neither touches artifacts/ nor the obj/ folders of builds running beside it (scripts/test.sh runs it beside the
/// solution build and names the result in <see cref="PrebuiltVariable"/>). Publishing is the slow part, which is
/// why every package test shares this one zip. Without ReadyToRun: the tests check the package's layout and contents,
/// which ReadyToRun does not change (it precompiles the same assemblies), and precompiling every dependency doubled the
/// suite's longest setup. A deployment (azd's prepackage hook, azure.yaml) packages with package.sh's default, ReadyToRun.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("citizen-services-package-").FullName;

    internal ProcessResult Result { get; private set; } = new(-1, "", "");

    /// <summary>
    /// A package scripts/test.sh made with the same command beside the solution build (which leaves a core idle much of
    /// the time), with the exit code of that run: the tests then read it instead of publishing again.
    /// </summary>
    public const string PrebuiltVariable = "CITIZEN_SERVICES_TEST_PACKAGE";

    internal string ZipPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PrebuiltVariable) is { Length: > 0 } prebuilt)
        {
            ZipPath = prebuilt;
            var log = prebuilt + ".log";
            Result = new(
                int.Parse(await File.ReadAllTextAsync(prebuilt + ".exit"), System.Globalization.CultureInfo.InvariantCulture),
                File.Exists(log) ? await File.ReadAllTextAsync(log) : "",
                "");
            return;
        }

        ZipPath = Path.Combine(_directory, "citizen-services.zip");
        Result = await ProcessRunner.RunAsync(
            "bash",
            [Repository.PathOf("scripts", "package.sh"), "--output", ZipPath, "--build-dir", Path.Combine(_directory, "build"), "--no-ready-to-run"],
            Repository.Root,
            // Publishing on a shared two-core machine under load has taken more than 8 minutes.
            TimeSpan.FromMinutes(20));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackageTestGroup : ICollectionFixture<PackageFixture>
{
    public const string Name = "Published package: scripts/package.sh run once for every class that reads it";
}
