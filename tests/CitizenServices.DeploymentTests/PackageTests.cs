using System.IO.Compression;

namespace CitizenServices.DeploymentTests;

[Collection(PackageTestGroup.Name)]
public sealed class PackageTests(PackageFixture package)
{
    // Unix mode bits live in the upper 16 bits of a zip entry's external attributes.
    private const int UnixModeShift = 16;
    private const int RegularFile = 0x8000; // S_IFREG
    private const int UserExecute = 0x40; // S_IXUSR

    [Fact]
    public void Package_HasHostJsonAtTheRoot()
    {
        using var zip = Open();

        var entry = zip.GetEntry("host.json");

        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        Assert.Equal(File.ReadAllText(Repository.HostJson), reader.ReadToEnd());
    }

    [Fact]
    public void Package_HasEveryFunctionFolderWithItsDefinition()
    {
        using var zip = Open();
        var functions = Directory.GetDirectories(Repository.FunctionDefinitions).Select(Path.GetFileName).ToList();

        Assert.NotEmpty(functions);
        foreach (var function in functions)
        {
            var entry = zip.GetEntry($"{function}/function.json");
            Assert.True(entry is not null, $"{function}/function.json is missing from the package");
            using var reader = new StreamReader(entry.Open());
            Assert.NotNull(JsonNode.Parse(reader.ReadToEnd())?["bindings"]);
        }
    }

    [Fact]
    public void Package_HandlerNamedInHostJson_IsAnExecutableFileInsideTheZip()
    {
        using var zip = Open();
        var handlerPath = JsonNode.Parse(File.ReadAllText(Repository.HostJson))!
            ["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();

        var entry = zip.GetEntry(handlerPath);

        Assert.Equal("handler/CitizenServices.Functions", handlerPath);
        Assert.NotNull(entry);
        var mode = entry.ExternalAttributes >> UnixModeShift;
        Assert.True((mode & RegularFile) == RegularFile, $"mode {Convert.ToString(mode, 8)} is not a regular file");
        Assert.True((mode & UserExecute) == UserExecute, $"mode {Convert.ToString(mode, 8)} has no executable bit");
    }

    [Fact]
    public void Package_Handler_IsSelfContainedForLinux()
    {
        using var zip = Open();

        // The `custom` runtime brings no .NET: the runtime itself must be in the package next to the app.
        Assert.NotNull(zip.GetEntry("handler/CitizenServices.Functions.dll"));
        Assert.NotNull(zip.GetEntry("handler/libcoreclr.so"));
        Assert.NotNull(zip.GetEntry("handler/libhostfxr.so"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("handler/", StringComparison.Ordinal) && e.FullName.EndsWith("local.settings.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_HoldsNothingForDevelopment()
    {
        using var zip = Open();

        // No development key, development settings or private key of any kind: only an environment check would then
        // keep them from being trusted.
        Assert.Empty(DevelopmentFiles.In(zip));
        Assert.NotNull(zip.GetEntry("handler/appsettings.json"));
    }

    [Fact]
    public void Package_CarriesEuropeOsloAndNeedsNoIcu()
    {
        using var zip = Open();

        // The host image may have neither a tz database nor libicu (docs/deployment.md, "Time zone and ICU").
        var zone = zip.GetEntry("handler/tzdata/Europe/Oslo");
        Assert.NotNull(zone);
        using (var reader = new BinaryReader(zone.Open()))
        {
            Assert.Equal("TZif"u8.ToArray(), reader.ReadBytes(4));
        }

        using var config = new StreamReader(zip.GetEntry("handler/CitizenServices.Functions.runtimeconfig.json")!.Open());
        var options = JsonNode.Parse(config.ReadToEnd())!["runtimeOptions"]!["configProperties"]!;
        Assert.True(options["System.Globalization.Invariant"]!.GetValue<bool>());
    }

    [Fact]
    public void Package_CarriesEveryFileOfTheAdminWebBesideTheHandler()
    {
        using var zip = Open();
        var site = Repository.PathOf("functions", "CitizenServices.Functions", "AdminWeb", "site");
        var files = Directory.GetFiles(site, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(site, f).Replace('\\', '/'))
            .ToList();

        // AdminWebApi serves the pages from handler/admin-web; a page left out would answer 404 in Azure only.
        Assert.Contains("index.html", files);
        foreach (var file in files)
        {
            var entry = zip.GetEntry("handler/admin-web/" + file);
            Assert.True(entry is not null, $"handler/admin-web/{file} is missing from the package");
            Assert.Equal(new FileInfo(Path.Combine(site, file)).Length, entry.Length);
        }
    }

    private ZipArchive Open()
    {
        Assert.True(package.Result.ExitCode == 0, $"scripts/package.sh failed: {package.Result}");
        return ZipFile.OpenRead(package.ZipPath);
    }
}
